//! Benchmarks of every call at the worst case of its bounds, of the access check with one
//! consent and along its longest path, and of the free-call lookup. Every signer that holds a
//! storage deposit is given the funds for the footprint it holds after the call.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::Footprint;
use frame_system::RawOrigin;

const PATIENT: PatientId = PatientId::repeat_byte(0x42);

fn every<V: Copy, S: Get<u32>>(all: &[V]) -> BoundedVec<V, S> {
	BoundedVec::truncate_from(all.to_vec())
}

/// A registered patient with a controller and a consent-only guardian (the guardian, checked
/// after the controllers, is the costlier caller).
fn patient<T: Config>() -> (T::AccountId, T::AccountId) {
	let controller: T::AccountId = account("controller", 0, 0);
	let guardian: T::AccountId = account("guardian", 0, 0);
	T::Patients::register_for_benchmarks(&PATIENT, &controller);
	T::Patients::appoint_for_benchmarks(&PATIENT, &guardian, GuardianScope::ConsentOnly);
	(controller, guardian)
}

/// An active practitioner of a new active organisation of `kind`.
fn practitioner<T: Config>(kind: OrgKind, role: PractitionerRole, n: u32) -> (T::AccountId, OrgId) {
	let admin: T::AccountId = account("admin", n, 0);
	let who: T::AccountId = account("practitioner", n, 0);
	let org = T::Directory::register_for_benchmarks(kind, &admin, &who, role);
	(who, org)
}

/// A consent of `PATIENT` to `grantee` over every action, category and purpose but the ones
/// the checks below ask about, so that a check must look at every rule.
fn filler<T: Config>(grantee: GranteeOf<T>, by: &T::AccountId) -> ConsentOf<T> {
	Consent {
		patient: PATIENT,
		grantee,
		decision: Decision::Permit,
		actions: every(Action::ALL),
		categories: BoundedVec::truncate_from(
			DataCategory::ALL.iter().copied().filter(|c| *c != DataCategory::Vitals).collect(),
		),
		purposes: every(Purpose::ALL),
		valid_from: None,
		valid_until: None,
		policy_hash: Some(H256::zero()),
		granted_by: by.clone(),
		guardian_appointment: None,
		org: None,
		status: ConsentStatus::Active,
	}
}

/// A Deny of `PATIENT` to `grantee` of emergency-treatment reads of every category, in its
/// window, given by the `n`th of guardians under an appointment no longer in force (never made
/// here; the look-up reads the guardian's guardianship either way): the Deny check of
/// `emergency_access` looks each guardian's appointment up, then finds nothing standing.
fn lapsed_deny<T: Config>(grantee: GranteeOf<T>, n: u32) -> ConsentOf<T> {
	Consent {
		decision: Decision::Deny,
		categories: every(DataCategory::ALL),
		valid_from: Some(0),
		valid_until: Some(Moment::MAX),
		granted_by: account("former guardian", n, 0),
		guardian_appointment: Some(n),
		..filler::<T>(grantee, &account("former guardian", n, 0))
	}
}

fn insert<T: Config>(consent: ConsentOf<T>) -> Result<ConsentId, BenchmarkError> {
	Pallet::<T>::insert_consent(consent).map_err(|_| BenchmarkError::Stop("cannot store a consent"))
}

/// Fills the (patient, grantee) rule list up to `MaxRulesPerGrantee - leave`.
fn fill_rules<T: Config>(
	grantee: &GranteeOf<T>,
	by: &T::AccountId,
	leave: u32,
) -> Result<(), BenchmarkError> {
	for _ in 0..T::MaxRulesPerGrantee::get().saturating_sub(leave) {
		insert::<T>(filler::<T>(grantee.clone(), by))?;
	}
	Ok(())
}

/// Gives `who` the funds to hold the deposit of `n` open requests.
fn fund_requests<T: Config>(who: &T::AccountId, n: u32) {
	let count = u64::from(n);
	let size = count.saturating_mul(Pallet::<T>::request_size());
	T::Deposit::ensure_successful(who, Footprint { count, size });
}

/// Gives `who` the funds to hold the deposit of a first emergency access to a patient (its
/// record, its entry awaiting review, its `ActiveEmergency` entry).
fn fund_emergency_access<T: Config>(who: &T::AccountId) {
	let size = Pallet::<T>::emergency_record_size()
		.saturating_add(Pallet::<T>::unreviewed_entry_size())
		.saturating_add(Pallet::<T>::active_emergency_size());
	T::Deposit::ensure_successful(who, Footprint { count: 3, size });
}

/// Files `n` requests of `PATIENT` by `practitioner`, each over every action, category and
/// purpose, the practitioner funded for their deposits; their ids are returned.
fn open_requests<T: Config>(
	practitioner: &T::AccountId,
	n: u32,
) -> Result<Vec<RequestId>, BenchmarkError> {
	fund_requests::<T>(practitioner, n);
	(0..n)
		.map(|_| {
			let id = NextRequestId::<T>::get();
			Pallet::<T>::request_consent(
				RawOrigin::Signed(practitioner.clone()).into(),
				PATIENT,
				every(Action::ALL),
				every(DataCategory::ALL),
				every(Purpose::ALL),
				Some(Moment::MAX),
				H256::zero(),
			)
			.map(|_| id)
			.map_err(|_| BenchmarkError::Stop("cannot request"))
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant_consent() -> Result<(), BenchmarkError> {
		let (_, guardian) = patient::<T>();
		let (physician, _) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let grantee = Grantee::Practitioner(physician);
		fill_rules::<T>(&grantee, &guardian, 1)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(guardian),
			PATIENT,
			grantee.clone(),
			Decision::Deny,
			every(Action::ALL),
			every(DataCategory::ALL),
			every(Purpose::ALL),
			Some(1),
			Some(Moment::MAX),
			Some(H256::zero()),
		);

		assert_eq!(Rules::<T>::get(PATIENT, &grantee).len() as u32, T::MaxRulesPerGrantee::get());
		Ok(())
	}

	#[benchmark]
	fn revoke_consent() -> Result<(), BenchmarkError> {
		let (_, guardian) = patient::<T>();
		let (_, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let grantee = Grantee::Organization(org);
		fill_rules::<T>(&grantee, &guardian, 0)?;
		let last = NextConsentId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), last);

		assert!(!Rules::<T>::get(PATIENT, &grantee).iter().any(|r| r.consent == last));
		Ok(())
	}

	/// The organisation's list of requests to the patient one short of full, the patient's
	/// total one short of full; the requester already holds a deposit, which grows.
	#[benchmark]
	fn request_consent() -> Result<(), BenchmarkError> {
		patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let open = T::MaxPendingRequestsPerOrg::get().saturating_sub(1);
		open_requests::<T>(&physician, open)?;
		fund_requests::<T>(&physician, open.saturating_add(1));
		// The other organisations' requests count, but are not read: only their number is set.
		PendingRequestCount::<T>::insert(PATIENT, T::MaxPendingRequests::get().saturating_sub(1));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(physician),
			PATIENT,
			every(Action::ALL),
			every(DataCategory::ALL),
			every(Purpose::ALL),
			Some(Moment::MAX),
			H256::zero(),
		);

		assert_eq!(OrgRequests::<T>::get(PATIENT, org).len() as u32, open.saturating_add(1));
		// Only the count was raised by hand: put it back for the invariants.
		PendingRequestCount::<T>::insert(PATIENT, open.saturating_add(1));
		Ok(())
	}

	/// The grantee's rules one short of full, the organisation's request list full.
	#[benchmark]
	fn approve_request() -> Result<(), BenchmarkError> {
		let (_, guardian) = patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		fill_rules::<T>(&Grantee::Organization(org), &guardian, 1)?;
		let open = open_requests::<T>(&physician, T::MaxPendingRequestsPerOrg::get())?;
		let last = *open.last().ok_or(BenchmarkError::Stop("no request"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), last);

		assert!(!Requests::<T>::contains_key(last));
		Ok(())
	}

	/// The organisation's request list full.
	#[benchmark]
	fn reject_request() -> Result<(), BenchmarkError> {
		let (_, guardian) = patient::<T>();
		let (physician, _) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let open = open_requests::<T>(&physician, T::MaxPendingRequestsPerOrg::get())?;
		let last = *open.last().ok_or(BenchmarkError::Stop("no request"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), last);

		assert!(!Requests::<T>::contains_key(last));
		Ok(())
	}

	/// The organisation has `MaxPendingRequestsPerOrg` open requests, all removed.
	#[benchmark]
	fn block_requester() -> Result<(), BenchmarkError> {
		let (_, guardian) = patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		open_requests::<T>(&physician, T::MaxPendingRequestsPerOrg::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), PATIENT, org);

		assert!(BlockedRequesters::<T>::contains_key(PATIENT, org));
		assert!(!OrgRequests::<T>::contains_key(PATIENT, org));
		Ok(())
	}

	#[benchmark]
	fn unblock_requester() -> Result<(), BenchmarkError> {
		let (controller, guardian) = patient::<T>();
		let (_, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		Pallet::<T>::block_requester(RawOrigin::Signed(controller).into(), PATIENT, org)
			.map_err(|_| BenchmarkError::Stop("cannot block"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), PATIENT, org);

		assert!(!BlockedRequesters::<T>::contains_key(PATIENT, org));
		Ok(())
	}

	/// Both lists of rules the Deny check reads full of in-window Denies covering the access,
	/// each given by a different guardian who no longer stands (found in one look-up); the patient's
	/// emergency preference stored (opting every sensitive category in); a first access of the
	/// practitioner to the patient, so that its deposit covers an `ActiveEmergency` entry too.
	#[benchmark]
	fn emergency_access() -> Result<(), BenchmarkError> {
		patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let mut n = 0u32;
		for grantee in [Grantee::Practitioner(physician.clone()), Grantee::Organization(org)] {
			for _ in 0..T::MaxRulesPerGrantee::get() {
				n = n.saturating_add(1);
				insert::<T>(lapsed_deny::<T>(grantee.clone(), n))?;
			}
		}
		EmergencyPreferences::<T>::insert(
			PATIENT,
			EmergencyPreference::Allowed {
				sensitive: BoundedVec::truncate_from(
					DataCategory::ALL.iter().copied().filter(|c| c.is_sensitive()).collect(),
				),
			},
		);
		fund_emergency_access::<T>(&physician);

		#[extrinsic_call]
		_(RawOrigin::Signed(physician.clone()), PATIENT, H256::zero());

		assert!(ActiveEmergency::<T>::contains_key(PATIENT, &physician));
		Ok(())
	}

	/// Unjustified: the access ends, its `ActiveEmergency` entry goes, and both deposits are
	/// released.
	#[benchmark]
	fn review_emergency_access() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let (physician, _) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		fund_emergency_access::<T>(&physician);
		Pallet::<T>::emergency_access(
			RawOrigin::Signed(physician.clone()).into(),
			PATIENT,
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("cannot invoke emergency access"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), 0, false);

		assert!(!ActiveEmergency::<T>::contains_key(PATIENT, &physician));
		Ok(())
	}

	/// A consent in its window, of an active patient, given by a guardian who no longer stands:
	/// the purge asks every question before it may remove it, and takes it out of a full list
	/// of rules.
	#[benchmark]
	fn purge_consent() -> Result<(), BenchmarkError> {
		let (controller, guardian) = patient::<T>();
		let (_, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let grantee = Grantee::Organization(org);
		fill_rules::<T>(&grantee, &guardian, 1)?;
		let last = insert::<T>(Consent {
			valid_from: Some(0),
			valid_until: Some(Moment::MAX),
			guardian_appointment: Some(0),
			..filler::<T>(grantee.clone(), &account("former guardian", 0, 0))
		})?;

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), last);

		assert!(!Consents::<T>::contains_key(last));
		Ok(())
	}

	/// The access check for a patient with one consent.
	#[benchmark]
	fn check_access_one_consent() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let mut consent = filler::<T>(Grantee::Organization(org), &controller);
		consent.categories = every(&[DataCategory::Vitals]);
		let id = insert::<T>(consent)?;
		let decision;

		#[block]
		{
			decision = Pallet::<T>::check_access(
				&PATIENT,
				&physician,
				Action::Read,
				DataCategory::Vitals,
				Purpose::Treatment,
			);
		}

		assert_eq!(decision, AccessDecision::Permit { consent: id });
		Ok(())
	}

	/// The access check along the longest path for a patient with one consent, which does not
	/// cover the access: an emergency read allowed by the accessor's emergency access, after
	/// reading the patient's emergency preference (the same path as
	/// `check_access_most_consents`, with one rule instead of two full lists).
	#[benchmark]
	fn check_access_emergency_one_consent() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let mut consent = filler::<T>(Grantee::Organization(org), &controller);
		consent.categories = every(&[DataCategory::Imaging]);
		insert::<T>(consent)?;
		Pallet::<T>::benchmark_emergency(&PATIENT, &physician)
			.map_err(|_| BenchmarkError::Stop("the emergency access was refused"))?;
		let id = ActiveEmergency::<T>::get(PATIENT, &physician)
			.map(|(id, _, _)| id)
			.ok_or(BenchmarkError::Stop("no emergency access"))?;
		let decision;

		#[block]
		{
			decision = Pallet::<T>::check_access(
				&PATIENT,
				&physician,
				Action::Read,
				DataCategory::Vitals,
				Purpose::EmergencyTreatment,
			);
		}

		assert_eq!(decision, AccessDecision::Emergency { id });
		Ok(())
	}

	/// The access check along its longest path, for a patient with the most consents: both
	/// lists the check reads are full of in-window rules that cover the access, each given by a
	/// different guardian who no longer stands (see [`ConsentCheck::benchmark_permit`]), so the
	/// check reads them whole, looks the patient's consenting appointments up (once), then reads
	/// the accessor's `ActiveEmergency` entry and the patient's emergency preference, which allow
	/// the access (9 reads); the rest of the patient's allowance is given to
	/// other grantees.
	#[benchmark]
	fn check_access_most_consents() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let (physician, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		<Pallet<T> as ConsentCheck<T::AccountId>>::benchmark_permit(
			&PATIENT,
			&physician,
			Action::Read,
			DataCategory::Vitals,
			Purpose::EmergencyTreatment,
		);
		let full = T::MaxRulesPerGrantee::get() as usize;
		ensure!(
			Rules::<T>::get(PATIENT, Grantee::Practitioner(physician.clone())).len() == full
				&& Rules::<T>::get(PATIENT, Grantee::Organization(org)).len() == full,
			BenchmarkError::Stop("the lists the check reads are not full")
		);
		let id = ActiveEmergency::<T>::get(PATIENT, &physician)
			.map(|(id, _, _)| id)
			.ok_or(BenchmarkError::Stop("no emergency access"))?;
		let mut n = 1;
		while PatientConsentCount::<T>::get(PATIENT) < T::MaxConsentsPerPatient::get() {
			let (other, _) = practitioner::<T>(OrgKind::Clinic, PractitionerRole::Nurse, n);
			n = n.saturating_add(1);
			fill_rules::<T>(&Grantee::Practitioner(other), &controller, 0)?;
		}
		let decision;

		#[block]
		{
			decision = Pallet::<T>::check_access(
				&PATIENT,
				&physician,
				Action::Read,
				DataCategory::Vitals,
				Purpose::EmergencyTreatment,
			);
		}

		assert_eq!(decision, AccessDecision::Emergency { id });
		Ok(())
	}

	/// Replacing no preference with one opting every sensitive category in.
	#[benchmark]
	fn set_emergency_preference() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let preference = EmergencyPreference::Allowed {
			sensitive: BoundedVec::truncate_from(
				DataCategory::ALL.iter().rev().copied().filter(|c| c.is_sensitive()).collect(),
			),
		};

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), PATIENT, preference);

		assert!(EmergencyPreferences::<T>::contains_key(PATIENT));
		Ok(())
	}

	/// A reviewed access that has ended, still pointed at by its practitioner's `ActiveEmergency`
	/// entry, and an ended bar on the practitioner: the record, the entry and the bar go, and
	/// both deposits are released.
	#[benchmark]
	fn purge_emergency_access() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let (physician, _) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		fund_emergency_access::<T>(&physician);
		Pallet::<T>::emergency_access(
			RawOrigin::Signed(physician.clone()).into(),
			PATIENT,
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("cannot invoke emergency access"))?;
		Pallet::<T>::review_emergency_access(RawOrigin::Signed(controller.clone()).into(), 0, true)
			.map_err(|_| BenchmarkError::Stop("cannot review"))?;
		let now = T::Time::now();
		EmergencyAccesses::<T>::mutate(0, |e| {
			if let Some(e) = e {
				e.expires_at = now;
			}
		});
		EmergencyBarred::<T>::insert(PATIENT, &physician, now);

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), 0);

		assert!(!EmergencyAccesses::<T>::contains_key(0));
		assert!(!ActiveEmergency::<T>::contains_key(PATIENT, &physician));
		assert!(!EmergencyBarred::<T>::contains_key(PATIENT, &physician));
		Ok(())
	}

	/// Finding the patient of a free patient call that names a consent (one read).
	#[benchmark]
	fn free_call_lookup() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let (_, org) = practitioner::<T>(OrgKind::Hospital, PractitionerRole::Physician, 0);
		let id = insert::<T>(filler::<T>(Grantee::Organization(org), &controller))?;
		let call = Call::<T>::revoke_consent { consent: id };
		let patient;

		#[block]
		{
			patient = call.free_for_patient();
		}

		assert_eq!(patient, Some(PATIENT));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
