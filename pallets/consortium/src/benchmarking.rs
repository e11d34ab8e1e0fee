//! Benchmarks of every call, at the worst case of its bounds.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

fn lookup_of<T: Config>(who: &T::AccountId) -> AccountIdLookupOf<T> {
	T::Lookup::unlookup(who.clone())
}

/// An active organisation with `admin` and one practitioner, `practitioner`, and the longest name.
fn organization_with_staff<T: Config>(
	admin: &T::AccountId,
	practitioner: &T::AccountId,
) -> Result<OrgId, BenchmarkError> {
	let name = OrganizationName::<T>::truncate_from(vec![b'o'; T::MaxNameLength::get() as usize]);
	let org =
		Pallet::<T>::insert_organization(admin.clone(), OrgKind::Hospital, name, H256::zero())
			.map_err(|_| BenchmarkError::Stop("no organisation id left"))?;
	Pallet::<T>::insert_practitioner(
		org,
		practitioner,
		PractitionerRole::Physician,
		H256::zero(),
		None,
	)
	.map_err(|_| BenchmarkError::Stop("no room for staff"))?;
	Ok(org)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_organization() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let admin: T::AccountId = account("admin", 0, 0);
		let name = vec![b'n'; T::MaxNameLength::get() as usize];
		let org = NextOrganizationId::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			lookup_of::<T>(&admin),
			OrgKind::Hospital,
			name,
			H256::zero(),
		);

		assert!(Pallet::<T>::is_active_admin(org, &admin));
		Ok(())
	}

	#[benchmark]
	fn set_organization_status() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let org = organization_with_staff::<T>(&account("admin", 0, 0), &account("staff", 0, 0))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org, OrgStatus::Suspended);

		assert_eq!(Pallet::<T>::active_organization(org), None);
		Ok(())
	}

	#[benchmark]
	fn transfer_organization_admin() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let successor: T::AccountId = account("admin", 1, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), org, lookup_of::<T>(&successor));

		assert!(Pallet::<T>::is_active_admin(org, &successor));
		Ok(())
	}

	#[benchmark]
	fn add_practitioner() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		let newcomer: T::AccountId = account("staff", 1, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(admin),
			org,
			lookup_of::<T>(&newcomer),
			PractitionerRole::Nurse,
			H256::zero(),
			Some(Moment::MAX),
		);

		assert!(Pallet::<T>::active_practitioner(&newcomer).is_some());
		Ok(())
	}

	#[benchmark]
	fn remove_practitioner() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let staff: T::AccountId = account("staff", 0, 0);
		let org = organization_with_staff::<T>(&admin, &staff)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), org, lookup_of::<T>(&staff));

		assert!(Pallet::<T>::active_practitioner(&staff).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().empty(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
