//! Benchmarks of every call at the worst case of its bounds.
//!
//! The setup goes through the pallet's own calls, so every item it stores holds its deposit;
//! each actor is funded for far more than the benchmark adds.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::Consideration;
use frame_system::RawOrigin;
use medchain_primitives::{OrgKind, PractitionerRole};
use sp_core::crypto::KeyTypeId;

/// The key type of the participants' withdrawal keys the benchmarks generate.
const WITHDRAWAL_KEY: KeyTypeId = KeyTypeId(*b"mtrw");

/// An active practitioner of a new active organisation of `kind`, funded for deposits.
fn practitioner<T: Config>(kind: OrgKind, n: u32) -> (T::AccountId, OrgId) {
	let admin: T::AccountId = account("admin", n, 0);
	let who: T::AccountId = account("practitioner", n, 0);
	let org =
		T::Directory::register_for_benchmarks(kind, &admin, &who, PractitionerRole::Researcher);
	T::Deposit::ensure_successful(&who, Footprint { count: 10_000, size: 10_000_000 });
	(who, org)
}

/// The longest valid id of a registry other than the named ones, numbered `n`.
fn longest_id<T: Config>(n: u32) -> RegistryIdOf<T> {
	let len = T::MaxRegistryIdLen::get() as usize;
	let mut id = alloc::vec![b'A'; len];
	let digits = n.to_be_bytes();
	for (slot, byte) in id.iter_mut().rev().zip(digits.iter().rev()) {
		*slot = b'A'.saturating_add(byte % 26);
	}
	if let Some(slot) = id.get_mut(len.saturating_sub(5)) {
		*slot = b'A'.saturating_add(((n / 26 / 26 / 26) % 26) as u8);
	}
	RegistryId { registry: Registry::Other, id: BoundedVec::truncate_from(id) }
}

fn registry_ids<T: Config>(n: u32) -> RegistryIdsOf<T> {
	BoundedVec::truncate_from((0..n).map(longest_id::<T>).collect())
}

fn documents(n: u8) -> ProtocolDocuments {
	ProtocolDocuments {
		protocol_hash: H256::repeat_byte(n),
		analysis_plan_hash: H256::repeat_byte(n.wrapping_add(1)),
		consent_form_hash: H256::repeat_byte(n.wrapping_add(2)),
		outcomes_root: H256::repeat_byte(n.wrapping_add(3)),
		outcome_count: 3,
	}
}

/// The actors of a trial: sponsor researcher, ethics committee member, site physician.
struct Actors<T: Config> {
	sponsor: T::AccountId,
	committee: T::AccountId,
	site_staff: T::AccountId,
	site: OrgId,
}

fn actors<T: Config>() -> Actors<T> {
	let (sponsor, _) = practitioner::<T>(OrgKind::Manufacturer, 0);
	let (committee, _) = practitioner::<T>(OrgKind::EthicsCommittee, 1);
	let (site_staff, site) = practitioner::<T>(OrgKind::Hospital, 2);
	Actors { sponsor, committee, site_staff, site }
}

/// Trial 0, registered with the most registry ids, its version 0 approved and the site active.
fn recruiting<T: Config>(a: &Actors<T>) -> Result<TrialId, BenchmarkError> {
	let trial = NextTrialId::<T>::get();
	Pallet::<T>::register_trial(
		RawOrigin::Signed(a.sponsor.clone()).into(),
		registry_ids::<T>(T::MaxRegistryIds::get()),
		H256::repeat_byte(9),
		documents(1),
		None,
	)?;
	Pallet::<T>::approve_version(RawOrigin::Signed(a.committee.clone()).into(), trial, 0)?;
	Pallet::<T>::activate_site(RawOrigin::Signed(a.sponsor.clone()).into(), trial, a.site)?;
	Ok(trial)
}

fn participant(n: u8) -> ParticipantId {
	H256::repeat_byte(n)
}

fn consented<T: Config>(
	a: &Actors<T>,
	trial: TrialId,
	n: u8,
	key: [u8; 32],
) -> Result<ParticipantId, BenchmarkError> {
	let version = Trials::<T>::get(trial).map_or(0, |t| t.versions.saturating_sub(1));
	Pallet::<T>::record_consent(
		RawOrigin::Signed(a.site_staff.clone()).into(),
		trial,
		participant(n),
		version,
		Some(key),
	)?;
	Ok(participant(n))
}

fn enrolled<T: Config>(
	a: &Actors<T>,
	trial: TrialId,
	n: u8,
) -> Result<ParticipantId, BenchmarkError> {
	let p = consented::<T>(a, trial, n, [n; 32])?;
	Pallet::<T>::enrol(RawOrigin::Signed(a.site_staff.clone()).into(), trial, p)?;
	Ok(p)
}

fn locked<T: Config>(a: &Actors<T>) -> Result<TrialId, BenchmarkError> {
	let trial = recruiting::<T>(a)?;
	enrolled::<T>(a, trial, 1)?;
	Pallet::<T>::commit_data(
		RawOrigin::Signed(a.sponsor.clone()).into(),
		trial,
		DataKind::DatabaseLock,
		H256::repeat_byte(5),
		merkle::MAX_LEAVES,
	)?;
	Ok(trial)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` registry ids of the longest form, each checked against the index and indexed.
	#[benchmark]
	fn register_trial(n: Linear<1, { T::MaxRegistryIds::get() }>) {
		let a = actors::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(a.sponsor),
			registry_ids::<T>(n),
			H256::repeat_byte(9),
			documents(1),
			None,
		);

		assert!(Trials::<T>::contains_key(0));
	}

	#[benchmark]
	fn approve_version() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		Pallet::<T>::register_trial(
			RawOrigin::Signed(a.sponsor.clone()).into(),
			registry_ids::<T>(1),
			H256::repeat_byte(9),
			documents(1),
			None,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.committee), 0, 0);

		assert!(Versions::<T>::get(0, 0).is_some_and(|v| v.approval.is_some()));
		Ok(())
	}

	/// With re-consent, after enrolment (the phase's and the outcomes' checks all read).
	#[benchmark]
	fn amend_protocol() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		enrolled::<T>(&a, trial, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.sponsor), trial, documents(20), AmendmentReason::Safety, true);

		assert!(Versions::<T>::contains_key(trial, 1));
		Ok(())
	}

	#[benchmark]
	fn activate_site() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		let (_, site) = practitioner::<T>(OrgKind::Clinic, 3);

		#[extrinsic_call]
		_(RawOrigin::Signed(a.sponsor), trial, site);

		assert!(Sites::<T>::contains_key(trial, site));
		Ok(())
	}

	/// A new participant (a new item and its deposit).
	#[benchmark]
	fn record_consent() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.site_staff), trial, participant(1), 0, Some([1; 32]));

		assert!(Participants::<T>::contains_key(trial, participant(1)));
		Ok(())
	}

	/// The trial's first enrolment (its history entry and deposit).
	#[benchmark]
	fn enrol() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		let p = consented::<T>(&a, trial, 1, [1; 32])?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.site_staff), trial, p);

		assert!(Trials::<T>::get(trial).is_some_and(|t| t.first_enrolment.is_some()));
		Ok(())
	}

	/// By the participant's site.
	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		let p = enrolled::<T>(&a, trial, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.site_staff), trial, p, WithdrawalScope::DestroyData, None);

		assert!(Participants::<T>::get(trial, p).is_some_and(|p| p.withdrawn.is_some()));
		Ok(())
	}

	/// The participant's own withdrawal: one sr25519 verification.
	#[benchmark]
	fn withdraw_by_participant() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		let key = sp_io::crypto::sr25519_generate(WITHDRAWAL_KEY, None);
		let p = consented::<T>(&a, trial, 1, key.0)?;
		let scope = WithdrawalScope::DestroyData;
		let signature = sp_io::crypto::sr25519_sign(
			WITHDRAWAL_KEY,
			&key,
			&withdrawal_message(trial, &p, scope),
		)
		.ok_or(BenchmarkError::Stop("no keystore to sign the withdrawal"))?;
		let sender: T::AccountId = account("sender", 0, 0);

		#[extrinsic_call]
		withdraw(RawOrigin::Signed(sender), trial, p, scope, Some(signature));

		assert!(Participants::<T>::get(trial, p).is_some_and(|p| p.withdrawn.is_some()));
		Ok(())
	}

	/// The database lock (it also sets the trial's lock).
	#[benchmark]
	fn commit_data() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		enrolled::<T>(&a, trial, 1)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(a.sponsor),
			trial,
			DataKind::DatabaseLock,
			H256::repeat_byte(5),
			merkle::MAX_LEAVES,
		);

		assert!(Trials::<T>::get(trial).is_some_and(|t| t.database_lock.is_some()));
		Ok(())
	}

	#[benchmark]
	fn record_unblinding() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = locked::<T>(&a)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.sponsor), trial);

		assert!(Trials::<T>::get(trial).is_some_and(|t| t.unblinded_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn post_results() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = locked::<T>(&a)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(a.sponsor), trial, H256::repeat_byte(6), H256::repeat_byte(7), 0);

		assert!(Trials::<T>::get(trial).is_some_and(|t| t.results.is_some()));
		Ok(())
	}

	/// A stop, with its reason.
	#[benchmark]
	fn set_status() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(a.sponsor),
			trial,
			RecruitmentStatus::Suspended,
			Some(H256::repeat_byte(8)),
		);

		assert!(Trials::<T>::get(trial).is_some_and(|t| t.why_stopped.is_some()));
		Ok(())
	}

	/// A trial with the most registry ids, one released (its index entry and deposit).
	#[benchmark]
	fn release_registry_id() -> Result<(), BenchmarkError> {
		let a = actors::<T>();
		let trial = recruiting::<T>(&a)?;
		let origin =
			T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let last = T::MaxRegistryIds::get().saturating_sub(1);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, trial, longest_id::<T>(last), H256::repeat_byte(8));

		assert!(!RegistryIndex::<T>::contains_key(longest_id::<T>(last).index_key()));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder,
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
