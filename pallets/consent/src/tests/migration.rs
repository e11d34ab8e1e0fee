//! Version 1 of the storage: guardians' consents bound to their appointment (AUDIT M-8).

use super::*;
use crate::migrations::v1::{MigrateToV1, OldConsent, OldRule};
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

/// Writes `id` back as a chain from before version 1 stored it.
fn store_as_before(id: ConsentId) {
	let c = Consents::<Test>::get(id).unwrap();
	let old = OldConsent {
		patient: c.patient,
		grantee: c.grantee.clone(),
		decision: c.decision,
		actions: c.actions.clone(),
		categories: c.categories.clone(),
		purposes: c.purposes.clone(),
		valid_from: c.valid_from,
		valid_until: c.valid_until,
		policy_hash: c.policy_hash,
		granted_by: c.granted_by,
		by_guardian: c.guardian_appointment.is_some(),
		org: c.org,
		status: c.status.clone(),
	};
	unhashed::put(&Consents::<Test>::hashed_key_for(id), &old);
	let rules: Vec<OldRule<u64>> = Rules::<Test>::get(c.patient, &c.grantee)
		.into_iter()
		.map(|r| OldRule {
			consent: r.consent,
			decision: r.decision,
			actions: r.actions,
			categories: r.categories,
			purposes: r.purposes,
			valid_from: r.valid_from,
			valid_until: r.valid_until,
			org: r.org,
			guardian: r.guardian.map(|a| a.guardian),
		})
		.collect();
	unhashed::put(&Rules::<Test>::hashed_key_for(c.patient, &c.grantee), &rules);
}

/// A chain from before version 1 holds a controller's consent, one of a guardian in force and
/// one of a guardian since removed. After the migration the access check answers as it did
/// before it: the guardian in force keeps its consent, bound to its appointment; the removed
/// guardian's stays ended, bound to an appointment never given, so re-appointing it revives
/// nothing.
#[test]
fn the_migration_binds_each_guardians_consent_to_the_guardianship_in_force() {
	ExtBuilder::default()
		.with_guardian(CLINIC_PHYSICIAN, GuardianScope::ConsentOnly, None)
		.build_and_execute(|| {
			let by_controller = to(Grantee::Practitioner(NURSE)).granted();
			let by_guardian = hospital().by(CONSENT_GUARDIAN).granted();
			let by_removed = to(Grantee::Organization(LAB)).by(CLINIC_PHYSICIAN).granted();
			patients::remove_guardian(&PATIENT, CLINIC_PHYSICIAN);
			let before = (read_labs(NURSE), read_labs(PHYSICIAN), read_labs(LAB_TECHNICIAN));
			assert_eq!(before.1, AccessDecision::Permit { consent: by_guardian });
			let expected = Consents::<Test>::get(by_guardian).unwrap();
			for id in [by_controller, by_guardian, by_removed] {
				store_as_before(id);
			}
			StorageVersion::new(0).put::<Pallet>();

			MigrateToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Consents::<Test>::get(by_controller).unwrap().guardian_appointment, None);
			assert_eq!(Consents::<Test>::get(by_guardian), Some(expected));
			assert_eq!(Consents::<Test>::get(by_removed).unwrap().guardian_appointment, Some(0));
			assert_eq!((read_labs(NURSE), read_labs(PHYSICIAN), read_labs(LAB_TECHNICIAN)), before);
			// Appointed again, the removed guardian does not bring its consent back.
			patients::appoint_guardian(
				&PATIENT,
				CLINIC_PHYSICIAN,
				GuardianScope::ConsentOnly,
				None,
			);
			assert_eq!(read_labs(LAB_TECHNICIAN), before.2);
		});
}
