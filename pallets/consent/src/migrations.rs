//! Storage migrations of the consent pallet.

use super::*;

/// Version 1: a consent a guardian gave, and its rule, name the guardianship appointment it was
/// given under (AUDIT M-8) instead of a flag.
pub mod v1 {
	use super::*;
	use frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};

	/// A consent as stored before version 1.
	#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
	pub struct OldConsent<AccountId> {
		/// The patient who gave it.
		pub patient: PatientId,
		/// Who it is given to.
		pub grantee: Grantee<AccountId>,
		/// Permit or Deny.
		pub decision: Decision,
		/// What it covers.
		pub actions: ActionSet,
		/// Which data.
		pub categories: CategorySet,
		/// For which purposes.
		pub purposes: PurposeSet,
		/// Start of validity.
		pub valid_from: Option<Moment>,
		/// End of validity.
		pub valid_until: Option<Moment>,
		/// Hash of the signed consent document.
		pub policy_hash: Option<H256>,
		/// The controller or guardian who gave it.
		pub granted_by: AccountId,
		/// Whether `granted_by` gave it as a guardian.
		pub by_guardian: bool,
		/// The organisation a practitioner's Permit is bound to.
		pub org: Option<OrgId>,
		/// Active or revoked.
		pub status: ConsentStatus<AccountId>,
	}

	/// A rule as stored before version 1.
	#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
	pub struct OldRule<AccountId> {
		/// The consent it comes from.
		pub consent: ConsentId,
		/// Permit or Deny.
		pub decision: Decision,
		/// Bit mask of actions.
		pub actions: u8,
		/// Bit mask of categories.
		pub categories: u16,
		/// Bit mask of purposes.
		pub purposes: u8,
		/// Start of validity.
		pub valid_from: Option<Moment>,
		/// End of validity.
		pub valid_until: Option<Moment>,
		/// The organisation a practitioner must be at.
		pub org: Option<OrgId>,
		/// The guardian who gave the consent, if a guardian did.
		pub guardian: Option<AccountId>,
	}

	/// The appointment a guardian's consent is bound to at the upgrade: the guardianship in
	/// force then, so that the access check answers after the upgrade exactly as before it.
	/// A guardian no longer in force gets 0, a number never given, and its consents stay ended.
	fn appointment_at_upgrade<T: Config>(patient: &PatientId, guardian: &T::AccountId) -> u32 {
		T::Patients::guardian_appointment(patient, guardian).unwrap_or(0)
	}

	/// Rewrites every consent and every rule list: a guardian's consent is bound to the
	/// guardianship in force at the upgrade (see [`appointment_at_upgrade`]). One read and one
	/// write per consent and per rule list, plus the patient directory's reads for each
	/// guardian's consent. Consents and rules hold no deposit, so no ledger changes.
	pub struct BindGuardianConsents<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for BindGuardianConsents<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			Consents::<T>::translate::<OldConsent<T::AccountId>, _>(|_, old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				let guardian_appointment = old.by_guardian.then(|| {
					reads = reads.saturating_add(2);
					appointment_at_upgrade::<T>(&old.patient, &old.granted_by)
				});
				Some(Consent {
					patient: old.patient,
					grantee: old.grantee,
					decision: old.decision,
					actions: old.actions,
					categories: old.categories,
					purposes: old.purposes,
					valid_from: old.valid_from,
					valid_until: old.valid_until,
					policy_hash: old.policy_hash,
					granted_by: old.granted_by,
					guardian_appointment,
					org: old.org,
					status: old.status,
				})
			});
			Rules::<T>::translate::<BoundedVec<OldRule<T::AccountId>, T::MaxRulesPerGrantee>, _>(
				|patient, _, old| {
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(1);
					let rules = old.into_iter().map(|rule| Rule {
						consent: rule.consent,
						decision: rule.decision,
						actions: rule.actions,
						categories: rule.categories,
						purposes: rule.purposes,
						valid_from: rule.valid_from,
						valid_until: rule.valid_until,
						org: rule.org,
						guardian: rule.guardian.map(|guardian| {
							reads = reads.saturating_add(2);
							let number = appointment_at_upgrade::<T>(&patient, &guardian);
							Appointment { guardian, number }
						}),
					});
					Some(BoundedVec::truncate_from(rules.collect::<Vec<_>>()))
				},
			);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let consents = Consents::<T>::iter_keys().count() as u64;
			let rules = Rules::<T>::iter_keys().count() as u64;
			Ok((consents, rules).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (consents, rules) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				Consents::<T>::iter_values().count() as u64 == consents,
				"a consent was lost in the migration"
			);
			ensure!(
				Rules::<T>::iter_values().count() as u64 == rules,
				"a rule list was lost in the migration"
			);
			Ok(())
		}
	}

	/// [`BindGuardianConsents`] run once, from storage version 0 to 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		BindGuardianConsents<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
