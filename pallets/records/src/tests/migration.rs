//! Version 1 of the storage: key envelopes stored with the consent they were shared under.

use super::*;
use crate::migrations::v1::MigrateToV1;
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

/// A chain from before version 1 holds bare envelopes. After the migration each is bound to no
/// consent and handed out exactly as before (while the access check allows its grantee); the
/// migration runs once.
#[test]
fn the_migration_keeps_every_envelope_bound_to_no_consent() {
	ExtBuilder::default().build_and_execute(|| {
		let id = anchored();
		permit_read(PHYSICIAN, LabResults, Treatment);
		for (grantee, n) in [(PHYSICIAN, 3), (READ_GUARDIAN, 4)] {
			assert_ok!(Pallet::share_record_key(
				signed(CONTROLLER),
				rec(id),
				grantee,
				envelope(n),
				Treatment
			));
			// As version 0 stored it: the bare bytes, and no entry under a consent.
			unhashed::put(&KeyEnvelopes::<Test>::hashed_key_for(id, grantee), &envelope(n));
		}
		let _ = ConsentEnvelopes::<Test>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Pallet>();

		MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::on_chain_storage_version(), StorageVersion::new(1));
		for (grantee, n) in [(PHYSICIAN, 3), (READ_GUARDIAN, 4)] {
			assert_eq!(
				KeyEnvelopes::<Test>::get(id, grantee),
				Some(StoredEnvelope { envelope: envelope(n), consent: None })
			);
		}
		assert_eq!(
			Pallet::record_key(rec(id), PHYSICIAN, Treatment),
			Some(envelope(3).into_inner())
		);
		assert_eq!(Pallet::record_key(rec(id), PHYSICIAN, Research), None);
		// Once the reader's right is gone for good, the envelope is stale and anyone purges it.
		decide(
			PHYSICIAN,
			Read,
			LabResults,
			Treatment,
			AccessDecision::Deny { reason: DenyReason::NoConsent },
		);
		assert_ok!(Pallet::purge_stale_envelope(signed(STRANGER), rec(id), PHYSICIAN));
		// A second run finds version 1 and changes nothing.
		unhashed::put(&KeyEnvelopes::<Test>::hashed_key_for(id, READ_GUARDIAN), &envelope(9));
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(
			unhashed::get_raw(&KeyEnvelopes::<Test>::hashed_key_for(id, READ_GUARDIAN)),
			Some(envelope(9).encode())
		);
		unhashed::put(
			&KeyEnvelopes::<Test>::hashed_key_for(id, READ_GUARDIAN),
			&StoredEnvelopeOf::<Test> { envelope: envelope(4), consent: None },
		);
	});
}
