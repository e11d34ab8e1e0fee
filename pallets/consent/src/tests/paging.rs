//! M-13: lists are paged, in order of id, and a page reads what it returns plus a constant.

use super::*;

/// The trie nodes that `read` touches, with `setup` committed to the backend first.
fn nodes_read<R>(setup: impl FnOnce(), read: impl FnOnce() -> R) -> (R, usize) {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(setup);
	ext.commit_all().expect("the setup commits");
	let (result, proof) = ext.execute_and_prove(read);
	ext.execute_with(|| Pallet::do_try_state().expect("invariants hold"));
	(result, proof.len())
}

fn invoke_times(n: u64) {
	for _ in 0..n {
		assert_ok!(Pallet::emergency_access(signed(PHYSICIAN), PATIENT, H256::zero()));
	}
}

/// `n` patients, each consenting to the hospital.
fn hospital_consented_by(n: u32) {
	for i in 0..n {
		let mut raw = [0xAB; 32];
		raw[..4].copy_from_slice(&i.to_be_bytes());
		let patient = PatientId::from(raw);
		patients::register(patient, STRANGER);
		hospital().by(STRANGER).patient(patient).granted();
	}
}

fn ids<V>(page: Vec<V>, id: impl Fn(&V) -> u64) -> Vec<u64> {
	page.iter().map(id).collect()
}

#[test]
fn a_page_of_unreviewed_emergency_accesses_reads_only_that_page() {
	let page = || ids(Pallet::unreviewed_emergency_accesses(HOSPITAL, 5, 2), |(id, _)| *id);
	let (few, read_few) = nodes_read(|| invoke_times(50), page);
	let (many, read_many) = nodes_read(|| invoke_times(1_000), page);
	assert_eq!(few, vec![5, 6]);
	assert_eq!(many, vec![5, 6]);
	// Twenty times the accesses add a level or two to the trie paths, never a scan.
	assert!(read_many <= read_few + 12, "{read_few} trie nodes for 50, {read_many} for 1,000");
}

#[test]
fn a_page_of_grants_reads_only_that_page() {
	let page = || ids(Pallet::grants_to(Grantee::Organization(HOSPITAL), 5, 2), |c| c.id);
	let (few, read_few) = nodes_read(|| hospital_consented_by(50), page);
	let (many, read_many) = nodes_read(|| hospital_consented_by(1_000), page);
	assert_eq!(few, vec![5, 6]);
	assert_eq!(many, vec![5, 6]);
	assert!(read_many <= read_few + 12, "{read_few} trie nodes for 50, {read_many} for 1,000");
}

#[test]
fn grants_to_pages_in_order_of_id_and_caps_the_page() {
	ExtBuilder::default().build_and_execute(|| {
		hospital_consented_by(7);
		let grants = |from, limit| {
			ids(Pallet::grants_to(Grantee::Organization(HOSPITAL), from, limit), |c| c.id)
		};
		assert_eq!(grants(0, 2), vec![0, 1]);
		assert_eq!(grants(2, 2), vec![2, 3]);
		// A page never holds more than `MaxPageSize`, whatever the limit asked.
		assert_eq!(grants(0, u32::MAX), vec![0, 1, 2]);
		assert_eq!(grants(5, 10), vec![5, 6]);
		assert!(grants(7, 10).is_empty());
		assert!(grants(0, 0).is_empty());
		assert!(grants(u64::MAX, 10).is_empty());
		// A purged consent leaves the list.
		assert_ok!(Pallet::revoke_consent(signed(STRANGER), 1));
		assert_ok!(Pallet::purge_consent(signed(STRANGER), 1));
		assert_eq!(grants(0, 3), vec![0, 2, 3]);
	});
}

#[test]
fn consents_of_pages_in_order_of_id() {
	ExtBuilder::default().build_and_execute(|| {
		let grantees = [
			Grantee::Organization(HOSPITAL),
			Grantee::Organization(CLINIC),
			Grantee::Practitioner(PHYSICIAN),
		];
		for i in 0..MAX_PER_PATIENT {
			to(grantees[i as usize % 3].clone()).granted();
		}
		hospital().patient(OTHER_PATIENT).granted();
		let of = |from, limit| ids(Pallet::consents_of(PATIENT, from, limit), |c| c.id);
		assert_eq!(of(0, 10), vec![0, 1, 2]);
		assert_eq!(of(3, 10), vec![3, 4, 5]);
		assert!(of(6, 10).is_empty());
		assert_eq!(of(4, 1), vec![4]);
	});
}

#[test]
fn requests_and_unreviewed_accesses_page_in_order_of_id() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [PHYSICIAN, NURSE, CLINIC_PHYSICIAN, LAB_TECHNICIAN] {
			assert_ok!(Pallet::request_consent(
				signed(who),
				PATIENT,
				actions(&[Read]),
				categories(&[Vitals]),
				purposes(&[Treatment]),
				None,
				H256::zero()
			));
		}
		let requests = |from, limit| ids(Pallet::requests_for(PATIENT, from, limit), |(id, _)| *id);
		assert_eq!(requests(0, 10), vec![0, 1, 2]);
		assert_eq!(requests(3, 10), vec![3]);
		assert_eq!(requests(1, 2), vec![1, 2]);
		invoke_times(5);
		let unreviewed = |from, limit| {
			ids(Pallet::unreviewed_emergency_accesses(HOSPITAL, from, limit), |(id, _)| *id)
		};
		assert_eq!(unreviewed(0, u32::MAX), vec![0, 1, 2]);
		assert_eq!(unreviewed(3, u32::MAX), vec![3, 4]);
		assert_ok!(Pallet::review_emergency_access(signed(PRIVACY_OFFICER), 3, true));
		assert_eq!(unreviewed(3, u32::MAX), vec![4]);
	});
}
