//! Benchmarks of every call at the worst case of its bounds.
//!
//! Items the setup stores directly hold their deposits as if their calls had stored them, and
//! every caller that holds a deposit is funded for what it holds after the call.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use medchain_primitives::{OrgKind, PractitionerRole};

const PATIENT: PatientId = PatientId::repeat_byte(0x43);

/// A patient and its controller.
fn patient<T: Config>() -> T::AccountId {
	let controller: T::AccountId = account("controller", 0, 0);
	T::Patients::register_for_benchmarks(&PATIENT, &controller);
	controller
}

/// A `Full` guardian of the patient (the patient's side at its longest standing check).
fn full_guardian<T: Config>() -> T::AccountId {
	let guardian: T::AccountId = account("guardian", 0, 0);
	T::Patients::appoint_for_benchmarks(&PATIENT, &guardian, GuardianScope::Full);
	guardian
}

/// An active practitioner of a new active hospital.
fn practitioner<T: Config>(n: u32) -> T::AccountId {
	let admin: T::AccountId = account("admin", n, 0);
	let who: T::AccountId = account("practitioner", n, 0);
	T::Directory::register_for_benchmarks(
		OrgKind::Hospital,
		&admin,
		&who,
		PractitionerRole::Physician,
	);
	who
}

fn longest_pointer<T: Config>() -> PointerOf<T> {
	BoundedVec::truncate_from(alloc::vec![0xab; T::MaxPointerLen::get() as usize])
}

fn longest_envelope<T: Config>() -> EnvelopeOf<T> {
	BoundedVec::truncate_from(alloc::vec![0xcd; T::MaxEnvelopeLen::get() as usize])
}

/// Funds `who` for `items` more items of `bytes` bytes and holds their deposit.
fn hold<T: Config>(who: &T::AccountId, items: u64, bytes: u64) -> Result<(), BenchmarkError> {
	T::Deposit::ensure_successful(who, Footprint { count: items, size: bytes });
	deposit::hold::<_, T::Deposit, Deposits<T>>(who, items, bytes)
		.map_err(|_| BenchmarkError::Stop("the deposit of the setup's items cannot be held"))
}

/// Funds `who` for the footprint it keeps here after a call that stores `items` more items of
/// `bytes` bytes.
fn fund_for<T: Config>(who: &T::AccountId, items: u64, bytes: u64) {
	let held = Deposits::<T>::get(who).map(|d| d.footprint).unwrap_or_default();
	T::Deposit::ensure_successful(
		who,
		Footprint {
			count: held.count.saturating_add(items),
			size: held.size.saturating_add(bytes),
		},
	);
}

/// Stores a current record of the patient, authored by `author` (who holds its deposit).
fn record<T: Config>(
	author: &T::AccountId,
	org: Option<OrgId>,
) -> Result<RecordRef, BenchmarkError> {
	record_of::<T>(PATIENT, author, org)
}

/// Stores a current record of `patient`, authored by `author` (who holds its deposit).
fn record_of<T: Config>(
	patient: PatientId,
	author: &T::AccountId,
	org: Option<OrgId>,
) -> Result<RecordRef, BenchmarkError> {
	hold::<T>(author, 1, Pallet::<T>::record_bytes())?;
	let id = NextRecordId::<T>::get();
	NextRecordId::<T>::put(id.saturating_add(1));
	Records::<T>::insert(
		patient,
		ordered(id),
		Record {
			category: DataCategory::LabResults,
			content_hash: H256::repeat_byte(1),
			pointer: longest_pointer::<T>(),
			author: author.clone(),
			author_org: org,
			supersedes: None,
			status: RecordStatus::Current,
			anchored_at: 0,
			envelopes: 0,
		},
	);
	Ok(RecordRef { patient, id })
}

/// Stores an envelope of `record` for `grantee`, shared under `consent` (with its entry under
/// the consent); the caller keeps the record's count in step.
fn envelope<T: Config>(record: RecordRef, grantee: &T::AccountId, consent: Option<ConsentId>) {
	KeyEnvelopes::<T>::insert(
		record.id,
		grantee,
		StoredEnvelope { envelope: longest_envelope::<T>(), consent },
	);
	if let Some(consent) = consent {
		ConsentEnvelopes::<T>::insert((record.patient, consent), (record.id, grantee), ());
	}
}

/// Stores `n` envelopes for `record`, each shared under a consent of its own.
fn envelopes<T: Config>(record: RecordRef, n: u32) {
	for i in 0..n {
		let grantee: T::AccountId = account("grantee", i, 1);
		envelope::<T>(record, &grantee, Some(u64::from(i).saturating_add(1_000)));
	}
	Records::<T>::mutate(PATIENT, ordered(record.id), |r| {
		if let Some(r) = r {
			r.envelopes = n;
		}
	});
}

/// Stores a contest of `record` by `by` (who holds its deposit).
fn contest<T: Config>(record: RecordRef, by: &T::AccountId) -> Result<(), BenchmarkError> {
	hold::<T>(by, 1, Pallet::<T>::contest_bytes())?;
	Contests::<T>::insert(
		record.id,
		Contest { statement: H256::repeat_byte(5), by: by.clone(), at: 0 },
	);
	Ok(())
}

/// Stores `n` entries of the patient's access log from sequence number `first`: reads of
/// `record` by `accessor`, with the accessor's entry count and deposit (the caller keeps the
/// window in step).
fn log_entries<T: Config>(
	first: u64,
	n: u32,
	record: RecordId,
	accessor: &T::AccountId,
) -> Result<(), BenchmarkError> {
	if n == 0 {
		return Ok(());
	}
	for seq in first..first.saturating_add(u64::from(n)) {
		AccessLog::<T>::insert(
			PATIENT,
			ordered(seq),
			AccessEntry {
				record,
				accessor: accessor.clone(),
				purpose: Purpose::Treatment,
				basis: AccessBasis::Consent(0),
				at: 0,
			},
		);
	}
	AccessorLogEntries::<T>::insert(PATIENT, accessor, n);
	let bytes = Pallet::<T>::log_entry_bytes()
		.saturating_mul(u64::from(n))
		.saturating_add(Pallet::<T>::log_counter_bytes());
	hold::<T>(accessor, u64::from(n), bytes)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A practitioner (the patient's side is cheaper), with the longest pointer.
	#[benchmark]
	fn anchor_record() {
		patient::<T>();
		let author = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&author,
			Action::Write,
			DataCategory::LabResults,
			Purpose::Treatment,
		);
		fund_for::<T>(&author, 1, Pallet::<T>::record_bytes());

		#[extrinsic_call]
		anchor_record(
			RawOrigin::Signed(author),
			PATIENT,
			DataCategory::LabResults,
			H256::repeat_byte(2),
			longest_pointer::<T>(),
			None,
		);

		assert!(Records::<T>::contains_key(PATIENT, ordered(0)));
	}

	#[benchmark]
	fn anchor_record_superseding() -> Result<(), BenchmarkError> {
		patient::<T>();
		let author = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&author,
			Action::Write,
			DataCategory::LabResults,
			Purpose::Treatment,
		);
		let org = T::Directory::active_practitioner(&author).map(|p| p.org);
		let old = record::<T>(&author, org)?;
		fund_for::<T>(&author, 1, Pallet::<T>::record_bytes());

		#[extrinsic_call]
		anchor_record(
			RawOrigin::Signed(author),
			PATIENT,
			DataCategory::LabResults,
			H256::repeat_byte(2),
			longest_pointer::<T>(),
			Some(old.id),
		);

		assert_eq!(
			Pallet::<T>::verify_record(old, H256::repeat_byte(1)),
			RecordVerification::Superseded { by: old.id.saturating_add(1) }
		);
		Ok(())
	}

	/// By a `Full` guardian that anchored the record: its standing is read through the
	/// patient and its guardianship (a practitioner author's, through its practitioner entry
	/// and organisation, reads less).
	#[benchmark]
	fn mark_entered_in_error() -> Result<(), BenchmarkError> {
		patient::<T>();
		let guardian = full_guardian::<T>();
		let r = record::<T>(&guardian, None)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), r);

		assert_eq!(
			Pallet::<T>::verify_record(r, H256::repeat_byte(1)),
			RecordVerification::EnteredInError
		);
		Ok(())
	}

	/// A practitioner's record with every envelope (each under a consent), the author's
	/// envelope for the patient and a contest: all dropped, the author's deposit shrunk (the
	/// tombstone keeps the rest) and the contester's released.
	#[benchmark]
	fn erase_record() -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		let author = practitioner::<T>(0);
		let org = T::Directory::active_practitioner(&author).map(|p| p.org);
		let r = record::<T>(&author, org)?;
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get());
		hold::<T>(&author, 1, Pallet::<T>::patient_envelope_bytes())?;
		PatientEnvelopes::<T>::insert(r.id, longest_envelope::<T>());
		contest::<T>(r, &controller)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(controller.clone()), r);

		assert_eq!(Pallet::<T>::verify_record(r, H256::repeat_byte(1)), RecordVerification::Erased);
		assert_eq!(
			Deposits::<T>::get(&author).map(|d| d.footprint),
			Some(Footprint { count: 1, size: Pallet::<T>::tombstone_bytes() })
		);
		assert!(!Contests::<T>::contains_key(r.id));
		assert!(!PatientEnvelopes::<T>::contains_key(r.id));
		assert_eq!(ConsentEnvelopes::<T>::iter().count(), 0);
		assert!(Deposits::<T>::get(&controller).is_none());
		Ok(())
	}

	/// By a `Full` guardian (the longer standing check), of a practitioner's current record.
	#[benchmark]
	fn contest_record() -> Result<(), BenchmarkError> {
		patient::<T>();
		let guardian = full_guardian::<T>();
		let author = practitioner::<T>(0);
		let org = T::Directory::active_practitioner(&author).map(|p| p.org);
		let r = record::<T>(&author, org)?;
		fund_for::<T>(&guardian, 1, Pallet::<T>::contest_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), r, H256::repeat_byte(5));

		assert_eq!(
			Pallet::<T>::verify_record(r, H256::repeat_byte(1)),
			RecordVerification::Contested { statement: H256::repeat_byte(5) }
		);
		Ok(())
	}

	/// A new envelope replacing the grantee's envelope shared under an earlier consent: the
	/// old envelope and its entry under that consent are read and removed, the new entry
	/// written (a first envelope writes the record's count instead, which the record's write
	/// does anyway).
	#[benchmark]
	fn share_record_key() -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None)?;
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get().saturating_sub(1));
		let grantee = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&grantee,
			Action::Read,
			DataCategory::LabResults,
			Purpose::Treatment,
		);
		envelope::<T>(r, &grantee, Some(999));
		Records::<T>::mutate(PATIENT, ordered(r.id), |record| {
			if let Some(record) = record {
				record.envelopes = T::MaxEnvelopesPerRecord::get();
			}
		});

		#[extrinsic_call]
		_(
			RawOrigin::Signed(controller),
			r,
			grantee.clone(),
			longest_envelope::<T>(),
			Purpose::Treatment,
		);

		assert!(KeyEnvelopes::<T>::get(r.id, &grantee).is_some_and(|e| e.consent != Some(999)));
		assert!(!ConsentEnvelopes::<T>::contains_key((PATIENT, 999), (r.id, &grantee)));
		Ok(())
	}

	#[benchmark]
	fn revoke_record_key() -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None)?;
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get());
		let grantee: T::AccountId = account("grantee", 0, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), r, grantee.clone());

		assert!(!KeyEnvelopes::<T>::contains_key(r.id, &grantee));
		Ok(())
	}

	/// AUDIT M-3: a stale envelope of a full record, whose grantee is an active hospital
	/// physician (so that no check stops at its standing, and the emergency-treatment check
	/// goes on to read `ActiveEmergency`) with both rule lists full: `benchmark_permit` fills
	/// them with rules that cover every category and purpose but allow nothing, and puts its
	/// deciding Permit on another category. Not on the patient's side, so every one of the
	/// `Purpose::ALL` access checks runs its full length and denies.
	#[benchmark]
	fn purge_stale_envelope() -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None)?;
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get().saturating_sub(1));
		let grantee = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&grantee,
			Action::Read,
			DataCategory::Vitals,
			Purpose::Treatment,
		);
		// Shared under a consent that is still current (so that every check runs), if the
		// consent check stores one under id 0.
		envelope::<T>(r, &grantee, Some(0));
		Records::<T>::mutate(PATIENT, ordered(r.id), |record| {
			if let Some(record) = record {
				record.envelopes = T::MaxEnvelopesPerRecord::get();
			}
		});
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), r, grantee.clone());

		assert!(!KeyEnvelopes::<T>::contains_key(r.id, &grantee));
		assert_eq!(
			Records::<T>::get(PATIENT, ordered(r.id)).map(|r| r.envelopes),
			Some(T::MaxEnvelopesPerRecord::get().saturating_sub(1))
		);
		Ok(())
	}

	/// A read by an accessor one entry short of its bound (its count is read and written; no
	/// entry is ever evicted; its deposit grows). The access check is at its longest path
	/// (AUDIT L-1): an emergency read, which `benchmark_permit` sets up with both rule lists
	/// full and permitting nothing, so that the check ends on the `ActiveEmergency` read.
	#[benchmark]
	fn log_access() -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None)?;
		let reader = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&reader,
			Action::Read,
			DataCategory::LabResults,
			Purpose::EmergencyTreatment,
		);
		let held = T::MaxLogEntriesPerAccessor::get().saturating_sub(1);
		log_entries::<T>(0, held, r.id, &reader)?;
		AccessLogWindow::<T>::insert(PATIENT, LogWindow { first: 0, next: u64::from(held) });
		let bytes = match held {
			0 => Pallet::<T>::log_entry_bytes().saturating_add(Pallet::<T>::log_counter_bytes()),
			_ => Pallet::<T>::log_entry_bytes(),
		};
		fund_for::<T>(&reader, 1, bytes);

		#[extrinsic_call]
		_(RawOrigin::Signed(reader.clone()), r, Purpose::EmergencyTreatment);

		assert_eq!(
			AccessLogWindow::<T>::get(PATIENT),
			LogWindow { first: 0, next: u64::from(held).saturating_add(1) }
		);
		assert_eq!(
			AccessorLogEntries::<T>::get(PATIENT, &reader),
			T::MaxLogEntriesPerAccessor::get()
		);
		assert_eq!(
			Deposits::<T>::get(&reader).map(|d| d.footprint.count),
			Some(u64::from(T::MaxLogEntriesPerAccessor::get()))
		);
		Ok(())
	}

	/// `r` reads by one accessor, each of another patient's record and each at `log_access`'s
	/// longest check (the emergency read after both full rule lists), each the accessor's first
	/// entry in that patient's log (so its count and the log window are written too, and the
	/// deposit covers the count).
	#[benchmark]
	fn log_access_batch(
		r: Linear<1, { T::MaxReadsPerBatch::get() }>,
	) -> Result<(), BenchmarkError> {
		let reader = practitioner::<T>(0);
		let mut reads = Vec::new();
		for i in 0..r {
			let mut id = [0x44u8; 32];
			for (byte, b) in id.iter_mut().zip(i.to_be_bytes()) {
				*byte = b;
			}
			let patient = PatientId::from(id);
			let controller: T::AccountId = account("controller", i, 1);
			T::Patients::register_for_benchmarks(&patient, &controller);
			let record = record_of::<T>(patient, &controller, None)?;
			T::Consent::benchmark_permit(
				&patient,
				&reader,
				Action::Read,
				DataCategory::LabResults,
				Purpose::EmergencyTreatment,
			);
			reads.push(LoggedRead { record, purpose: Purpose::EmergencyTreatment });
		}
		let bytes = Pallet::<T>::log_entry_bytes().saturating_add(Pallet::<T>::log_counter_bytes());
		fund_for::<T>(&reader, u64::from(r), bytes.saturating_mul(u64::from(r)));
		let reads: BoundedVec<_, T::MaxReadsPerBatch> = BoundedVec::truncate_from(reads);

		#[extrinsic_call]
		_(RawOrigin::Signed(reader.clone()), reads.clone());

		for read in reads {
			assert_eq!(AccessorLogEntries::<T>::get(read.record.patient, &reader), 1);
		}
		assert_eq!(Deposits::<T>::get(&reader).map(|d| d.footprint.count), Some(u64::from(r)));
		Ok(())
	}

	/// `anchor_record_superseding`'s path, and the patient's envelope stored with its deposit.
	#[benchmark]
	fn anchor_record_with_key() -> Result<(), BenchmarkError> {
		patient::<T>();
		let author = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&author,
			Action::Write,
			DataCategory::LabResults,
			Purpose::Treatment,
		);
		let org = T::Directory::active_practitioner(&author).map(|p| p.org);
		let old = record::<T>(&author, org)?;
		fund_for::<T>(
			&author,
			2,
			Pallet::<T>::record_bytes().saturating_add(Pallet::<T>::patient_envelope_bytes()),
		);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(author),
			PATIENT,
			DataCategory::LabResults,
			H256::repeat_byte(2),
			longest_pointer::<T>(),
			Some(old.id),
			longest_envelope::<T>(),
		);

		assert!(PatientEnvelopes::<T>::contains_key(old.id.saturating_add(1)));
		Ok(())
	}

	/// A first key (its deposit held; a rotation replaces the entry and holds nothing).
	#[benchmark]
	fn publish_reader_key() {
		let who = practitioner::<T>(0);
		fund_for::<T>(&who, 1, Pallet::<T>::reader_key_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), [7u8; 32], 1);

		assert_eq!(ReaderKeys::<T>::get(&who).map(|k| k.version), Some(1));
	}

	/// An organisation's first service key (its deposit held from the admin).
	#[benchmark]
	fn publish_service_key() {
		let admin: T::AccountId = account("admin", 0, 0);
		practitioner::<T>(0);
		let service: T::AccountId = account("service", 0, 0);
		fund_for::<T>(&admin, 1, Pallet::<T>::reader_key_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), service.clone(), [7u8; 32], 1);

		assert!(ReaderKeys::<T>::get(&service).is_some_and(|k| k.service_of.is_some()));
	}

	/// A service key removed by its organisation's admin (the longest standing check), its
	/// deposit released.
	#[benchmark]
	fn remove_reader_key() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let who = practitioner::<T>(0);
		let org = T::Directory::active_practitioner(&who)
			.map(|p| p.org)
			.ok_or(BenchmarkError::Stop("no practitioner"))?;
		let service: T::AccountId = account("service", 0, 0);
		hold::<T>(&admin, 1, Pallet::<T>::reader_key_bytes())?;
		ReaderKeys::<T>::insert(
			&service,
			PublishedKey {
				key: [7u8; 32],
				version: 1,
				service_of: Some(org),
				depositor: admin.clone(),
				published_at: 0,
			},
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), service.clone());

		assert!(!ReaderKeys::<T>::contains_key(&service));
		assert!(Deposits::<T>::get(&admin).is_none());
		Ok(())
	}

	/// `n` envelopes of an ended consent, each of another record (so that each removal writes
	/// its own record's count); at the bound, one more is left (read to answer `remaining`).
	#[benchmark]
	fn purge_consent_envelopes(
		n: Linear<1, { T::MaxEnvelopesPurgedPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		// An id the consent check never issued: not current.
		let consent = ConsentId::MAX;
		let grantee = practitioner::<T>(0);
		let stored = if n == T::MaxEnvelopesPurgedPerCall::get() { n.saturating_add(1) } else { n };
		for _ in 0..stored {
			let r = record::<T>(&controller, None)?;
			envelope::<T>(r, &grantee, Some(consent));
			Records::<T>::mutate(PATIENT, ordered(r.id), |record| {
				if let Some(record) = record {
					record.envelopes = 1;
				}
			});
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), PATIENT, consent);

		assert_eq!(
			ConsentEnvelopes::<T>::iter_prefix((PATIENT, consent)).count() as u32,
			stored.saturating_sub(n)
		);
		Ok(())
	}

	#[benchmark]
	fn anchor_batch() {
		let author = practitioner::<T>(0);
		fund_for::<T>(&author, 1, Pallet::<T>::batch_bytes());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(author),
			H256::repeat_byte(3),
			merkle::MAX_LEAVES,
			H256::repeat_byte(4),
		);

		assert!(Batches::<T>::contains_key(0));
	}

	/// `MaxPrunePerCall` entries, each of a different accessor: every removal also updates
	/// (here: removes) an entry count of its own and releases that accessor's deposit.
	#[benchmark]
	fn prune_access_log() -> Result<(), BenchmarkError> {
		let controller = patient::<T>();
		let most = T::MaxPrunePerCall::get();
		for i in 0..most {
			let reader: T::AccountId = account("reader", i, 2);
			log_entries::<T>(u64::from(i), 1, 0, &reader)?;
		}
		let most = u64::from(most);
		AccessLogWindow::<T>::insert(PATIENT, LogWindow { first: 0, next: most });

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), PATIENT, most);

		assert_eq!(AccessLogWindow::<T>::get(PATIENT).first, most);
		assert_eq!(AccessorLogEntries::<T>::iter_prefix(PATIENT).count(), 0);
		assert_eq!(Deposits::<T>::iter().count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
