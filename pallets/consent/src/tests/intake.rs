//! C-1: a grantee's consent intake has no global ceiling that strangers can fill.

use super::*;
use frame_support::storage::{with_transaction, TransactionOutcome};

#[test]
fn strangers_cannot_fill_a_grantees_consent_intake() {
	ExtBuilder::default().build_and_execute(|| {
		// One account registers throwaway patients and gives the hospital a consent from each.
		for n in 0..20u8 {
			let sybil = PatientId::repeat_byte(100 + n);
			patients::register(sybil, STRANGER);
			hospital().by(STRANGER).patient(sybil).granted();
		}
		// A real patient still consents to the hospital, and the consent decides.
		let consent = hospital().granted();
		assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
		// The hospital's consents are all listed, page by page.
		let mut listed = Vec::new();
		let mut from = 0;
		loop {
			let page = Pallet::grants_to(Grantee::Organization(HOSPITAL), from, MAX_PAGE);
			let Some(last) = page.last() else { break };
			from = last.id + 1;
			listed.extend(page.into_iter().map(|c| c.id));
		}
		assert_eq!(listed, (0..=consent).collect::<Vec<_>>());
	});
}

#[test]
fn a_grantee_with_a_million_consenting_patients_still_receives_consents() {
	ExtBuilder::default().build_and_execute(|| {
		let hospital_grantee = Grantee::<u64>::Organization(HOSPITAL);
		// The grantee index of a hospital that a million patients consented to, written directly
		// (the consents themselves are not what a new grant reads). Rolled back afterwards, as
		// the invariants would want the million consents too.
		let outcome = with_transaction(|| {
			// The entries' raw keys: the grantee's prefix, then the id (the value `()` is empty).
			let mut key = GranteeConsents::<Test>::hashed_key_for(&hospital_grantee, ordered(0));
			let at = key.len() - 8;
			for id in 0..1_000_000u64 {
				key[at..].copy_from_slice(&ordered(id));
				sp_io::storage::set(&key, &[]);
			}
			assert!(GranteeConsents::<Test>::contains_key(&hospital_grantee, ordered(999_999)));
			NextConsentId::<Test>::put(1_000_000);
			let consent = hospital().granted();
			assert_eq!(consent, 1_000_000);
			assert_eq!(read_labs(PHYSICIAN), AccessDecision::Permit { consent });
			// The newest page holds the new consent; a page is never more than `MaxPageSize`.
			let page = Pallet::grants_to(hospital_grantee.clone(), consent, u32::MAX);
			assert_eq!(page.into_iter().map(|c| c.id).collect::<Vec<_>>(), vec![consent]);
			let keys = GranteeConsents::<Test>::iter_key_prefix_from(
				&hospital_grantee,
				GranteeConsents::<Test>::hashed_key_for(&hospital_grantee, ordered(999_997)),
			)
			.map(u64::from_be_bytes)
			.collect::<Vec<_>>();
			assert_eq!(keys, vec![999_998, 999_999, 1_000_000]);
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(()))
		});
		assert_ok!(outcome);
	});
}
