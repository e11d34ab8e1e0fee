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

/// The `n`th 12-digit company prefix.
fn longest_prefix(n: u32) -> CompanyPrefix {
	CompanyPrefix::truncate_from(alloc::format!("{n:012}").into_bytes())
}

/// Invites `who` to `org` on behalf of its `admin`, as a nurse.
fn invite<T: Config>(
	admin: &T::AccountId,
	org: OrgId,
	who: &T::AccountId,
) -> Result<(), BenchmarkError> {
	Pallet::<T>::add_practitioner(
		RawOrigin::Signed(admin.clone()).into(),
		org,
		lookup_of::<T>(who),
		PractitionerRole::Nurse,
		H256::zero(),
		Some(Moment::MAX),
	)
	.map_err(|_| BenchmarkError::Stop("cannot invite"))
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
		// A pending offer is replaced.
		PendingAdmin::<T>::insert(org, account::<T::AccountId>("admin", 2, 0));

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), org, lookup_of::<T>(&successor));

		assert_eq!(PendingAdmin::<T>::get(org), Some(successor));
		assert!(Pallet::<T>::is_active_admin(org, &admin));
		Ok(())
	}

	#[benchmark]
	fn accept_organization_admin() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let successor: T::AccountId = account("admin", 1, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		PendingAdmin::<T>::insert(org, &successor);

		#[extrinsic_call]
		_(RawOrigin::Signed(successor.clone()), org);

		assert!(Pallet::<T>::is_active_admin(org, &successor));
		assert_eq!(Pallet::<T>::administered_organization(&admin), None);
		Ok(())
	}

	#[benchmark]
	fn cancel_organization_admin_transfer() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		PendingAdmin::<T>::insert(org, account::<T::AccountId>("admin", 1, 0));

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), org);

		assert_eq!(PendingAdmin::<T>::get(org), None);
		Ok(())
	}

	#[benchmark]
	fn force_set_admin() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let admin: T::AccountId = account("admin", 0, 0);
		let replacement: T::AccountId = account("admin", 1, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		PendingAdmin::<T>::insert(org, account::<T::AccountId>("admin", 2, 0));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org, lookup_of::<T>(&replacement));

		assert!(Pallet::<T>::is_active_admin(org, &replacement));
		assert_eq!(PendingAdmin::<T>::get(org), None);
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

		assert!(Invitations::<T>::contains_key(&newcomer, org));
		assert!(Pallet::<T>::active_practitioner(&newcomer).is_none());
		Ok(())
	}

	/// A new invitation (it takes a place among the pending ones), as for `add_practitioner`.
	#[benchmark]
	fn invite_privacy_officer() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let org = organization_with_staff::<T>(&account("admin", 0, 0), &account("staff", 0, 0))?;
		let officer: T::AccountId = account("staff", 1, 0);

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			org,
			lookup_of::<T>(&officer),
			H256::zero(),
			Some(Moment::MAX),
		);

		assert_eq!(
			Invitations::<T>::get(&officer, org).map(|i| i.role),
			Some(PractitionerRole::PrivacyOfficer)
		);
		assert_eq!(PendingInvitations::<T>::get(org), 1);
		Ok(())
	}

	#[benchmark]
	fn accept_practitioner_invitation() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		let newcomer: T::AccountId = account("staff", 1, 0);
		invite::<T>(&admin, org, &newcomer)?;
		// The worst case: joining as the privacy officer, who must administer nothing.
		Invitations::<T>::mutate(&newcomer, org, |invitation| {
			if let Some(invitation) = invitation {
				invitation.role = PractitionerRole::PrivacyOfficer;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(newcomer.clone()), org);

		assert!(Pallet::<T>::active_practitioner(&newcomer).is_some());
		Ok(())
	}

	#[benchmark]
	fn decline_practitioner_invitation() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		let newcomer: T::AccountId = account("staff", 1, 0);
		invite::<T>(&admin, org, &newcomer)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(newcomer.clone()), org);

		assert!(!Invitations::<T>::contains_key(&newcomer, org));
		Ok(())
	}

	#[benchmark]
	fn cancel_practitioner_invitation() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("admin", 0, 0);
		let org = organization_with_staff::<T>(&admin, &account("staff", 0, 0))?;
		let newcomer: T::AccountId = account("staff", 1, 0);
		invite::<T>(&admin, org, &newcomer)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), org, lookup_of::<T>(&newcomer));

		assert!(!Invitations::<T>::contains_key(&newcomer, org));
		Ok(())
	}

	/// A 12-digit prefix (six stems to count, seven owners to look up) for an organisation
	/// that holds all its other prefixes already.
	#[benchmark]
	fn assign_company_prefix() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let org = organization_with_staff::<T>(&account("admin", 0, 0), &account("staff", 0, 0))?;
		let held = T::MaxCompanyPrefixesPerOrganization::get().saturating_sub(1);
		for n in 0..held {
			Pallet::<T>::insert_company_prefix(org, longest_prefix(n))
				.map_err(|_| BenchmarkError::Stop("cannot assign a prefix"))?;
		}
		let prefix = longest_prefix(held);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org, prefix.clone());

		assert_eq!(Pallet::<T>::company_prefix_owner(&prefix), Some(org));
		Ok(())
	}

	/// The last of a full list of 12-digit prefixes.
	#[benchmark]
	fn revoke_company_prefix() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let org = organization_with_staff::<T>(&account("admin", 0, 0), &account("staff", 0, 0))?;
		let max = T::MaxCompanyPrefixesPerOrganization::get();
		for n in 0..max {
			Pallet::<T>::insert_company_prefix(org, longest_prefix(n))
				.map_err(|_| BenchmarkError::Stop("cannot assign a prefix"))?;
		}
		let prefix = longest_prefix(max.saturating_sub(1));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, prefix.clone());

		assert_eq!(Pallet::<T>::company_prefix_owner(&prefix), None);
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
