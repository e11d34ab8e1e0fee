//! Benchmarks of every call and of the free-call check, at the worst case of their bounds.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{Consideration, Footprint};
use frame_system::RawOrigin;
use medchain_primitives::PractitionerRole;

fn lookup_of<T: Config>(who: &T::AccountId) -> AccountIdLookupOf<T> {
	T::Lookup::unlookup(who.clone())
}

fn id(n: u8) -> PatientId {
	PatientId::repeat_byte(n)
}

/// An active privacy officer (the `n`th) of a new active organisation of `kind`: for a hospital
/// both a registrar and an authority, for a regulator an authority.
fn practitioner<T: Config>(kind: OrgKind, n: u32) -> T::AccountId {
	let admin: T::AccountId = account("admin", n, 0);
	let who: T::AccountId = account("practitioner", n, 0);
	T::Directory::register_for_benchmarks(kind, &admin, &who, PractitionerRole::PrivacyOfficer);
	who
}

/// Moves the chain past the authority delay, so that what is pending may take effect.
fn pass_authority_delay<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::AuthorityDelay::get()));
}

/// A recovery of `patient` asked for by a practitioner of its own, through the call.
fn request_recovery<T: Config>(patient: PatientId) -> Result<T::AccountId, BenchmarkError> {
	let by = practitioner::<T>(OrgKind::Hospital, 1_000);
	let new: T::AccountId = account("new", 0, 0);
	fund_deposit::<T>(&by, Pallet::<T>::pending_recovery_bytes());
	Pallet::<T>::recover_patient(RawOrigin::Signed(by).into(), patient, lookup_of::<T>(&new))
		.map_err(|_| BenchmarkError::Stop("cannot ask for a recovery"))?;
	Ok(new)
}

/// A guardianship of `patient` asked for by a practitioner of its own, through the call.
fn request_guardianship<T: Config>(patient: PatientId) -> Result<T::AccountId, BenchmarkError> {
	let by = practitioner::<T>(OrgKind::Regulator, 1_001);
	let guardian: T::AccountId = account("pending", 0, 0);
	fund_deposit::<T>(
		&by,
		Pallet::<T>::guardianship_bytes().saturating_add(Pallet::<T>::pending_guardianship_bytes()),
	);
	Pallet::<T>::add_guardian(
		RawOrigin::Signed(by).into(),
		patient,
		lookup_of::<T>(&guardian),
		GuardianScope::Full,
		Some(Moment::MAX),
	)
	.map_err(|_| BenchmarkError::Stop("cannot ask for a guardianship"))?;
	Ok(guardian)
}

/// Funds `who` for the deposit of one item of `bytes` bytes, all it will hold in this pallet.
fn fund_deposit<T: Config>(who: &T::AccountId, bytes: u64) {
	T::Deposit::ensure_successful(who, Footprint { count: 1, size: bytes });
}

/// A patient a registrar vouched for (so that it has free calls, and deactivation has its vouching
/// to drop and the registrar's deposit to release), with `controllers` controllers (returned in
/// order) and `guardians` guardianships in force that controllers appointed, all stored as the
/// calls would store them.
fn patient_with<T: Config>(
	controllers: u32,
	guardians: u32,
) -> Result<(PatientId, Vec<T::AccountId>), BenchmarkError> {
	let patient = id(7);
	let accounts: Vec<T::AccountId> =
		(0..controllers).map(|i| account("controller", i, 0)).collect();
	let first = accounts.first().ok_or(BenchmarkError::Stop("a patient needs a controller"))?;
	let registrar: T::AccountId = account("registrar", 0, 0);
	let bytes = Pallet::<T>::patient_bytes().saturating_add(Pallet::<T>::vouching_bytes());
	fund_deposit::<T>(&registrar, bytes);
	Pallet::<T>::hold_deposit(&registrar, bytes)
		.map_err(|_| BenchmarkError::Stop("cannot hold the registrar's deposit"))?;
	Pallet::<T>::insert_patient(patient, first.clone(), [1u8; 32])
		.map_err(|_| BenchmarkError::Stop("cannot register the patient"))?;
	PatientDepositors::<T>::insert(patient, registrar);
	let mut record = Patients::<T>::get(patient).ok_or(BenchmarkError::Stop("not stored"))?;
	for other in accounts.iter().skip(1) {
		record
			.controllers
			.try_push(other.clone())
			.map_err(|_| BenchmarkError::Stop("more controllers than MaxControllers"))?;
		Pallet::<T>::keep_account(other);
	}
	for i in 0..guardians {
		let guardian: T::AccountId = account("guardian", i, 0);
		let appointment = Pallet::<T>::next_appointment(&patient)
			.map_err(|_| BenchmarkError::Stop("no appointment number left"))?;
		Guardians::<T>::insert(
			patient,
			guardian,
			Guardianship {
				scope: GuardianScope::Full,
				valid_until: Some(Moment::MAX),
				appointment,
			},
		);
	}
	record.guardians = guardians;
	Patients::<T>::insert(patient, record);
	VouchedPatients::<T>::insert(patient, ());
	Ok((patient, accounts))
}

fn last_of<T: Config>(accounts: &[T::AccountId]) -> Result<T::AccountId, BenchmarkError> {
	accounts.last().cloned().ok_or(BenchmarkError::Stop("no account"))
}

/// `count` more guardianships of `patient`, each appointed — and its deposit held — by a
/// practitioner of its own (so that each release touches another account), through the call.
/// Returns the guardians.
fn appoint_by_practitioners<T: Config>(
	patient: PatientId,
	count: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let mut guardians = Vec::new();
	for i in 0..count {
		let by = practitioner::<T>(OrgKind::Regulator, i.saturating_add(1));
		let guardian: T::AccountId = account("appointed", i, 0);
		fund_deposit::<T>(
			&by,
			Pallet::<T>::guardianship_bytes()
				.saturating_add(Pallet::<T>::pending_guardianship_bytes()),
		);
		Pallet::<T>::add_guardian(
			RawOrigin::Signed(by.clone()).into(),
			patient,
			lookup_of::<T>(&guardian),
			GuardianScope::Full,
			Some(Moment::MAX),
		)
		.map_err(|_| BenchmarkError::Stop("cannot appoint a guardian"))?;
		pass_authority_delay::<T>();
		Pallet::<T>::finalize_guardianship(RawOrigin::Signed(by).into(), patient)
			.map_err(|_| BenchmarkError::Stop("cannot apply a guardianship"))?;
		guardians.push(guardian);
	}
	Ok(guardians)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_patient() {
		let caller: T::AccountId = whitelisted_caller();
		fund_deposit::<T>(&caller, Pallet::<T>::patient_bytes());
		let patient = derive_patient_id(&caller, &[1u8; 32]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), patient, [1u8; 32]);

		assert!(Pallet::<T>::is_controller(&patient, &caller));
		assert!(Deposits::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn register_patient_for() {
		let registrar = practitioner::<T>(OrgKind::Hospital, 0);
		let controller: T::AccountId = account("controller", 0, 0);
		fund_deposit::<T>(
			&registrar,
			Pallet::<T>::patient_bytes().saturating_add(Pallet::<T>::vouching_bytes()),
		);

		let patient = derive_patient_id(&controller, &[1u8; 32]);

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar.clone()), patient, lookup_of::<T>(&controller), [1u8; 32]);

		assert!(Pallet::<T>::is_controller(&patient, &controller));
		assert!(VouchedPatients::<T>::contains_key(patient));
		assert!(Deposits::<T>::contains_key(&registrar));
	}

	#[benchmark]
	fn add_controller() -> Result<(), BenchmarkError> {
		let (patient, controllers) =
			patient_with::<T>(T::MaxControllers::get().saturating_sub(1).max(1), 0)?;
		let caller = last_of::<T>(&controllers)?;
		let new: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient, lookup_of::<T>(&new));

		assert!(Pallet::<T>::is_controller(&patient, &new));
		Ok(())
	}

	#[benchmark]
	fn remove_controller() -> Result<(), BenchmarkError> {
		let (patient, controllers) = patient_with::<T>(T::MaxControllers::get().max(2), 0)?;
		let caller = last_of::<T>(&controllers)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), patient, lookup_of::<T>(&caller));

		assert!(!Pallet::<T>::is_controller(&patient, &caller));
		Ok(())
	}

	#[benchmark]
	fn add_guardian() -> Result<(), BenchmarkError> {
		// An authority: the controller scan fails before the directory is asked, and the
		// practitioner holds a deposit for the pending guardianship.
		let (patient, _) =
			patient_with::<T>(T::MaxControllers::get(), T::MaxGuardians::get().saturating_sub(1))?;
		let caller = practitioner::<T>(OrgKind::Regulator, 0);
		let guardian: T::AccountId = account("new", 0, 0);
		fund_deposit::<T>(
			&caller,
			Pallet::<T>::guardianship_bytes()
				.saturating_add(Pallet::<T>::pending_guardianship_bytes()),
		);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			patient,
			lookup_of::<T>(&guardian),
			GuardianScope::ConsentOnly,
			Some(Moment::MAX),
		);

		assert_eq!(PendingGuardianships::<T>::get(patient).map(|p| p.by), Some(caller));
		Ok(())
	}

	#[benchmark]
	fn remove_guardian() -> Result<(), BenchmarkError> {
		// The guardian was appointed by a practitioner, whose deposit is released.
		let (patient, _) =
			patient_with::<T>(T::MaxControllers::get(), T::MaxGuardians::get().saturating_sub(1))?;
		let guardians = appoint_by_practitioners::<T>(patient, 1)?;
		let guardian = last_of::<T>(&guardians)?;
		let caller = practitioner::<T>(OrgKind::Regulator, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient, lookup_of::<T>(&guardian));

		assert!(!Guardians::<T>::contains_key(patient, &guardian));
		Ok(())
	}

	#[benchmark]
	fn rotate_encryption_key() -> Result<(), BenchmarkError> {
		let (patient, controllers) = patient_with::<T>(T::MaxControllers::get(), 0)?;
		let caller = last_of::<T>(&controllers)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient, [2u8; 32]);

		assert_eq!(Pallet::<T>::encryption_key(&patient), Some([2u8; 32]));
		Ok(())
	}

	#[benchmark]
	fn recover_patient() -> Result<(), BenchmarkError> {
		let (patient, _) = patient_with::<T>(T::MaxControllers::get(), 0)?;
		let caller = practitioner::<T>(OrgKind::Hospital, 0);
		let new: T::AccountId = account("new", 0, 0);
		fund_deposit::<T>(&caller, Pallet::<T>::pending_recovery_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient, lookup_of::<T>(&new));

		assert!(PendingRecoveries::<T>::contains_key(patient));
		Ok(())
	}

	/// A second controller confirms a pending deactivation. Every guardianship but one
	/// appointed by a practitioner of its own, a pending guardianship and a pending recovery,
	/// each deposit released, and the registrar's deposit for the vouching released.
	#[benchmark]
	fn deactivate_patient() -> Result<(), BenchmarkError> {
		let (patient, controllers) = patient_with::<T>(T::MaxControllers::get().max(2), 0)?;
		appoint_by_practitioners::<T>(patient, T::MaxGuardians::get().saturating_sub(1))?;
		request_guardianship::<T>(patient)?;
		request_recovery::<T>(patient)?;
		let first = controllers.first().cloned().ok_or(BenchmarkError::Stop("no controller"))?;
		Pallet::<T>::deactivate_patient(RawOrigin::Signed(first).into(), patient)
			.map_err(|_| BenchmarkError::Stop("cannot ask for the deactivation"))?;
		let caller = last_of::<T>(&controllers)?;
		Pallet::<T>::use_free_call(&patient, &caller)
			.map_err(|_| BenchmarkError::Stop("no free call"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient);

		assert!(!Pallet::<T>::is_active(&patient));
		assert!(!VouchedPatients::<T>::contains_key(patient));
		assert_eq!(GuardianDepositors::<T>::iter_prefix(patient).count(), 0);
		assert!(!PendingRecoveries::<T>::contains_key(patient));
		assert!(!PendingGuardianships::<T>::contains_key(patient));
		Ok(())
	}

	/// The most controllers replaced, the practitioner's deposit released.
	#[benchmark]
	fn finalize_recovery() -> Result<(), BenchmarkError> {
		let (patient, _) = patient_with::<T>(T::MaxControllers::get(), 0)?;
		let new = request_recovery::<T>(patient)?;
		pass_authority_delay::<T>();
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient);

		assert!(Pallet::<T>::is_controller(&patient, &new));
		assert!(Probations::<T>::contains_key(patient));
		Ok(())
	}

	/// Vetoed by the last of the most controllers.
	#[benchmark]
	fn veto_recovery() -> Result<(), BenchmarkError> {
		let (patient, controllers) = patient_with::<T>(T::MaxControllers::get(), 0)?;
		request_recovery::<T>(patient)?;
		let caller = last_of::<T>(&controllers)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient);

		assert!(!PendingRecoveries::<T>::contains_key(patient));
		Ok(())
	}

	/// The last guardianship room taken, the most controllers scanned.
	#[benchmark]
	fn finalize_guardianship() -> Result<(), BenchmarkError> {
		let (patient, _) =
			patient_with::<T>(T::MaxControllers::get(), T::MaxGuardians::get().saturating_sub(1))?;
		let guardian = request_guardianship::<T>(patient)?;
		pass_authority_delay::<T>();
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient);

		assert!(Guardians::<T>::contains_key(patient, &guardian));
		assert!(GuardianDepositors::<T>::contains_key(patient, &guardian));
		Ok(())
	}

	/// Vetoed by the last of the most controllers.
	#[benchmark]
	fn veto_guardianship() -> Result<(), BenchmarkError> {
		let (patient, controllers) =
			patient_with::<T>(T::MaxControllers::get(), T::MaxGuardians::get().saturating_sub(1))?;
		request_guardianship::<T>(patient)?;
		let caller = last_of::<T>(&controllers)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient);

		assert!(!PendingGuardianships::<T>::contains_key(patient));
		Ok(())
	}

	/// Cancelled by the last of the most controllers.
	#[benchmark]
	fn cancel_deactivation() -> Result<(), BenchmarkError> {
		let (patient, controllers) = patient_with::<T>(T::MaxControllers::get().max(2), 0)?;
		let first = controllers.first().cloned().ok_or(BenchmarkError::Stop("no controller"))?;
		Pallet::<T>::deactivate_patient(RawOrigin::Signed(first).into(), patient)
			.map_err(|_| BenchmarkError::Stop("cannot ask for the deactivation"))?;
		let caller = last_of::<T>(&controllers)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient);

		assert!(!PendingDeactivations::<T>::contains_key(patient));
		Ok(())
	}

	/// What [`PatientFeeWaiver`] does for a free call in a block: find the transaction's slot
	/// (`validate`: the controller scan, the vouching, the count and the account's nonce), then
	/// count the call (`prepare`). The last of the most controllers, for a vouched patient who
	/// has used free calls in this period.
	#[benchmark]
	fn use_free_call() -> Result<(), BenchmarkError> {
		let (patient, controllers) = patient_with::<T>(T::MaxControllers::get(), 0)?;
		let caller = last_of::<T>(&controllers)?;
		Pallet::<T>::use_free_call(&patient, &caller)
			.map_err(|_| BenchmarkError::Stop("no free call"))?;
		let nonce = frame_system::Pallet::<T>::account_nonce(&caller);

		#[block]
		{
			Pallet::<T>::free_call_slot(&patient, &caller, nonce)
				.map_err(|_| BenchmarkError::Stop("no free slot"))?;
			Pallet::<T>::use_free_call(&patient, &caller)
				.map_err(|_| BenchmarkError::Stop("no free call"))?;
		}

		assert_eq!(FreeCalls::<T>::get(patient).map(|u| u.used), Some(2));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
