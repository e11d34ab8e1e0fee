//! Benchmarks of every call at the worst case of its bounds.

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

/// Stores a current record of the patient, authored by `author`.
fn record<T: Config>(author: &T::AccountId, org: Option<OrgId>) -> RecordRef {
	let id = NextRecordId::<T>::get();
	NextRecordId::<T>::put(id.saturating_add(1));
	Records::<T>::insert(
		PATIENT,
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
	RecordRef { patient: PATIENT, id }
}

/// Stores `n` envelopes for `record`, to accounts that are not `except`.
fn envelopes<T: Config>(record: RecordRef, n: u32) {
	for i in 0..n {
		let grantee: T::AccountId = account("grantee", i, 1);
		KeyEnvelopes::<T>::insert(record.id, grantee, longest_envelope::<T>());
	}
	Records::<T>::mutate(PATIENT, ordered(record.id), |r| {
		if let Some(r) = r {
			r.envelopes = n;
		}
	});
}

/// Stores entry `seq` of the patient's access log: a read of `record` by `accessor` (the caller
/// keeps the window and the entry counts in step).
fn log_entry<T: Config>(seq: u64, record: RecordId, accessor: &T::AccountId) {
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
		let old = record::<T>(&author, org);

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

	#[benchmark]
	fn mark_entered_in_error() {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None);

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), r);

		assert_eq!(
			Pallet::<T>::verify_record(r, H256::repeat_byte(1)),
			RecordVerification::EnteredInError
		);
	}

	#[benchmark]
	fn erase_record() {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None);
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), r);

		assert_eq!(Pallet::<T>::verify_record(r, H256::repeat_byte(1)), RecordVerification::Erased);
	}

	#[benchmark]
	fn share_record_key() {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None);
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get().saturating_sub(1));
		let grantee = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&grantee,
			Action::Read,
			DataCategory::LabResults,
			Purpose::Treatment,
		);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(controller),
			r,
			grantee.clone(),
			longest_envelope::<T>(),
			Purpose::Treatment,
		);

		assert!(KeyEnvelopes::<T>::contains_key(r.id, &grantee));
	}

	#[benchmark]
	fn revoke_record_key() {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None);
		envelopes::<T>(r, T::MaxEnvelopesPerRecord::get());
		let grantee: T::AccountId = account("grantee", 0, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), r, grantee.clone());

		assert!(!KeyEnvelopes::<T>::contains_key(r.id, &grantee));
	}

	/// A read by an accessor one entry short of its bound (its count is read and written; no
	/// entry is ever evicted). The access check is at the worst case `benchmark_permit` sets
	/// up: the practitioner's rule list full and the deciding consent last.
	#[benchmark]
	fn log_access() {
		let controller = patient::<T>();
		let r = record::<T>(&controller, None);
		let reader = practitioner::<T>(0);
		T::Consent::benchmark_permit(
			&PATIENT,
			&reader,
			Action::Read,
			DataCategory::LabResults,
			Purpose::Treatment,
		);
		let held = T::MaxLogEntriesPerAccessor::get().saturating_sub(1);
		for seq in 0..u64::from(held) {
			log_entry::<T>(seq, r.id, &reader);
		}
		AccessLogWindow::<T>::insert(PATIENT, LogWindow { first: 0, next: u64::from(held) });
		AccessorLogEntries::<T>::insert(PATIENT, &reader, held);

		#[extrinsic_call]
		_(RawOrigin::Signed(reader.clone()), r, Purpose::Treatment);

		assert_eq!(
			AccessLogWindow::<T>::get(PATIENT),
			LogWindow { first: 0, next: u64::from(held).saturating_add(1) }
		);
		assert_eq!(
			AccessorLogEntries::<T>::get(PATIENT, &reader),
			T::MaxLogEntriesPerAccessor::get()
		);
	}

	#[benchmark]
	fn anchor_batch() {
		let author = practitioner::<T>(0);

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
	/// (here: removes) an entry count of its own.
	#[benchmark]
	fn prune_access_log() {
		let controller = patient::<T>();
		let most = T::MaxPrunePerCall::get();
		for i in 0..most {
			let reader: T::AccountId = account("reader", i, 2);
			log_entry::<T>(u64::from(i), 0, &reader);
			AccessorLogEntries::<T>::insert(PATIENT, &reader, 1);
		}
		let most = u64::from(most);
		AccessLogWindow::<T>::insert(PATIENT, LogWindow { first: 0, next: most });

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), PATIENT, most);

		assert_eq!(AccessLogWindow::<T>::get(PATIENT).first, most);
		assert_eq!(AccessorLogEntries::<T>::iter_prefix(PATIENT).count(), 0);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder,
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
