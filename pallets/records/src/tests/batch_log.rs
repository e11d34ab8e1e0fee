//! Batched access logging: `log_access_batch` logs many reads by one accessor in one call, each
//! read checked and kept as `log_access` would, a refused read leaving no trace of itself.

use super::*;

const OTHER_PATIENT: PatientId = PatientId::repeat_byte(2);
const OTHER_CONTROLLER: u64 = 5;

fn reads(list: &[(RecordRef, Purpose)]) -> BoundedVec<LoggedRead, ConstU32<MAX_READS_PER_BATCH>> {
	BoundedVec::truncate_from(
		list.iter()
			.map(|(record, purpose)| LoggedRead { record: *record, purpose: *purpose })
			.collect(),
	)
}

fn records_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Records(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn held(who: u64) -> Footprint {
	Deposits::<Test>::get(who).map(|d| d.footprint).unwrap_or_default()
}

/// A lab result of the other patient, anchored by its controller.
fn other_patients_record() -> RecordRef {
	assert_ok!(Pallet::anchor_record(
		signed(OTHER_CONTROLLER),
		OTHER_PATIENT,
		LabResults,
		hash(9),
		pointer(b"enc:other"),
		None,
	));
	RecordRef { patient: OTHER_PATIENT, id: NextRecordId::<Test>::get() - 1 }
}

/// Reads of two patients' records in one call: each is in its patient's log with its own
/// basis, one `RecordAccessed` each in order, and the reader holds a deposit for each entry
/// and each patient's count, exactly as separate `log_access` calls would have left it.
#[test]
fn a_batch_logs_each_read_in_its_patients_log() {
	ExtBuilder::default()
		.with_patient(OTHER_PATIENT, OTHER_CONTROLLER)
		.with_balance(OTHER_CONTROLLER, ENDOWMENT)
		.build_and_execute(|| {
			let first = rec(anchored());
			let other = other_patients_record();
			permit_read(PHYSICIAN, LabResults, Treatment);
			decide(
				PHYSICIAN,
				Read,
				LabResults,
				EmergencyTreatment,
				AccessDecision::Emergency { id: 4 },
			);
			System::reset_events();
			assert_ok!(Pallet::log_access_batch(
				signed(PHYSICIAN),
				reads(&[(first, Treatment), (other, EmergencyTreatment), (first, Treatment)]),
			));
			let accessed = |record: RecordRef, purpose, basis| Event::RecordAccessed {
				record: record.id,
				patient: record.patient,
				accessor: PHYSICIAN,
				purpose,
				basis,
			};
			assert_eq!(
				records_events(),
				vec![
					accessed(first, Treatment, AccessBasis::Consent(6)),
					accessed(other, EmergencyTreatment, AccessBasis::Emergency(4)),
					accessed(first, Treatment, AccessBasis::Consent(6)),
				]
			);
			let log = Pallet::access_log(PATIENT, 0, 10);
			assert_eq!(
				log.iter().map(|e| (e.seq, e.record, e.accessor)).collect::<Vec<_>>(),
				vec![(0, first.id, PHYSICIAN), (1, first.id, PHYSICIAN)]
			);
			let log = Pallet::access_log(OTHER_PATIENT, 0, 10);
			assert_eq!(
				log.iter().map(|e| (e.seq, e.record, e.basis)).collect::<Vec<_>>(),
				vec![(0, other.id, AccessBasis::Emergency(4))]
			);
			assert_eq!(AccessorLogEntries::<Test>::get(PATIENT, PHYSICIAN), 2);
			assert_eq!(AccessorLogEntries::<Test>::get(OTHER_PATIENT, PHYSICIAN), 1);
			let entry = Pallet::log_entry_bytes();
			let counter = Pallet::log_counter_bytes();
			assert_eq!(held(PHYSICIAN), Footprint { count: 3, size: 3 * entry + 2 * counter });
		});
}

/// Each read stands on its own: a refused read is reported with the error `log_access` gives
/// for it, by its index in the batch, and is neither logged nor paid for; the reads around it
/// are logged.
#[test]
fn a_refused_read_is_reported_and_leaves_no_trace() {
	ExtBuilder::default().build_and_execute(|| {
		let lab = rec(anchored());
		assert_ok!(anchor(CONTROLLER, Imaging, 2, None));
		let imaging = rec(NextRecordId::<Test>::get() - 1);
		let erased = rec(anchored());
		assert_ok!(Pallet::erase_record(signed(CONTROLLER), erased));
		permit_read(PHYSICIAN, LabResults, Treatment);
		System::reset_events();
		let missing = rec(999);
		assert_ok!(Pallet::log_access_batch(
			signed(PHYSICIAN),
			reads(&[
				(imaging, Treatment),
				(lab, Treatment),
				(missing, Treatment),
				(erased, Treatment)
			]),
		));
		let refused = |index, record: RecordRef, error: Error<Test>| Event::ReadNotLogged {
			index,
			record: record.id,
			patient: PATIENT,
			accessor: PHYSICIAN,
			error: error.into(),
		};
		assert_eq!(
			records_events(),
			vec![
				refused(0, imaging, Error::<Test>::NoConsent),
				Event::RecordAccessed {
					record: lab.id,
					patient: PATIENT,
					accessor: PHYSICIAN,
					purpose: Treatment,
					basis: AccessBasis::Consent(6),
				},
				refused(2, missing, Error::<Test>::RecordNotFound),
				refused(3, erased, Error::<Test>::RecordErased),
			]
		);
		assert_eq!(Pallet::access_log(PATIENT, 0, 10).len(), 1);
		assert_eq!(AccessLogWindow::<Test>::get(PATIENT).next, 1);
		assert_eq!(held(PHYSICIAN).count, 1);
	});
}

/// The accessor's bound counts the reads earlier in the same batch: past
/// `MaxLogEntriesPerAccessor` the rest are refused with `TooManyLogEntries`, and nothing of
/// another reader is touched.
#[test]
fn the_log_bound_counts_reads_of_the_same_batch() {
	ExtBuilder::default().build_and_execute(|| {
		let lab = rec(anchored());
		permit_read(PHYSICIAN, LabResults, Treatment);
		permit_read(NURSE, LabResults, Treatment);
		assert_ok!(Pallet::log_access(signed(NURSE), lab, Treatment));
		let batch = vec![(lab, Treatment); MAX_READS_PER_BATCH as usize];
		const { assert!(MAX_READS_PER_BATCH > MAX_LOG_PER_ACCESSOR) };
		System::reset_events();
		assert_ok!(Pallet::log_access_batch(signed(PHYSICIAN), reads(&batch)));
		let refusals: Vec<_> = records_events()
			.into_iter()
			.filter_map(|e| match e {
				Event::ReadNotLogged { index, error, .. } => Some((index, error)),
				_ => None,
			})
			.collect();
		let too_many: DispatchError = Error::<Test>::TooManyLogEntries.into();
		assert_eq!(
			refusals,
			(MAX_LOG_PER_ACCESSOR..MAX_READS_PER_BATCH).map(|i| (i, too_many)).collect::<Vec<_>>()
		);
		assert_eq!(AccessorLogEntries::<Test>::get(PATIENT, PHYSICIAN), MAX_LOG_PER_ACCESSOR);
		assert_eq!(AccessorLogEntries::<Test>::get(PATIENT, NURSE), 1);
		let log = Pallet::access_log(PATIENT, 0, 10);
		assert_eq!(log.len() as u32, MAX_LOG_PER_ACCESSOR + 1);
		assert_eq!(log[0].accessor, NURSE);
	});
}

/// A reader who can pay for one entry gets one logged: the next read of the batch is refused
/// with `DepositUnavailable`, and its balance keeps what it had beyond the one deposit.
#[test]
fn a_read_the_reader_cannot_pay_for_is_refused() {
	let first = deposit_of(1, Pallet::log_entry_bytes() + Pallet::log_counter_bytes());
	ExtBuilder::default().with_balance(POOR, first + ED).build_and_execute(|| {
		let lab = rec(anchored());
		permit_read(POOR, LabResults, Treatment);
		System::reset_events();
		assert_ok!(Pallet::log_access_batch(
			signed(POOR),
			reads(&[(lab, Treatment), (lab, Treatment)])
		));
		assert!(records_events().contains(&Event::ReadNotLogged {
			index: 1,
			record: lab.id,
			patient: PATIENT,
			accessor: POOR,
			error: Error::<Test>::DepositUnavailable.into(),
		}));
		assert_eq!(AccessorLogEntries::<Test>::get(PATIENT, POOR), 1);
		assert_eq!(held(POOR).count, 1);
		assert_eq!(Balances::free_balance(POOR), ED);
	});
}

/// A guardian who may read logs its reads by guardianship in a batch too.
#[test]
fn a_guardian_logs_by_guardianship_in_a_batch() {
	ExtBuilder::default().build_and_execute(|| {
		let lab = rec(anchored());
		assert_ok!(Pallet::log_access_batch(signed(READ_GUARDIAN), reads(&[(lab, Treatment)])));
		assert_eq!(Pallet::access_log(PATIENT, 0, 10)[0].basis, AccessBasis::Guardianship);
	});
}

#[test]
fn an_empty_batch_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Pallet::log_access_batch(signed(PHYSICIAN), reads(&[])),
			Error::<Test>::NoReadsToLog
		);
	});
}

/// The batch is charged per read, by the benchmarked weight of the reads it carries.
#[test]
fn a_batch_is_charged_for_the_reads_it_carries() {
	use frame_support::dispatch::GetDispatchInfo;
	ExtBuilder::default().build_and_execute(|| {
		let lab = rec(anchored());
		let weight = |n: usize| {
			crate::Call::<Test>::log_access_batch { reads: reads(&vec![(lab, Treatment); n]) }
				.get_dispatch_info()
				.call_weight
		};
		assert_eq!(weight(1), <Test as Config>::WeightInfo::log_access_batch(1));
		assert_eq!(weight(4), <Test as Config>::WeightInfo::log_access_batch(4));
		assert!(weight(4).ref_time() > weight(1).ref_time());
	});
}
