//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - every consent id is below `NextConsentId`; its sets are non-empty, sorted and free of
	///   duplicates; its window is well formed;
	/// - the access check's index holds exactly the active consents, each under its (patient,
	///   grantee), in the same compact form, within `MaxRulesPerGrantee`;
	/// - the per-patient and per-grantee indexes and counts match the stored consents, within
	///   their bounds;
	/// - requests are indexed and counted per patient within `MaxPendingRequests`;
	/// - an unreviewed emergency access is listed for its organisation, and only those are.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextConsentId::<T>::get();
		let mut per_patient: BTreeMap<PatientId, u32> = BTreeMap::new();
		let mut per_grantee: BTreeMap<GranteeOf<T>, u32> = BTreeMap::new();
		let mut active = 0usize;
		for (id, c) in Consents::<T>::iter() {
			ensure!(id < next, "a consent id is not below NextConsentId");
			ensure!(
				!c.actions.is_empty() && !c.categories.is_empty() && !c.purposes.is_empty(),
				"a consent has an empty set"
			);
			ensure!(
				c.actions.windows(2).all(|w| matches!(w, [a, b] if a < b))
					&& c.categories.windows(2).all(|w| matches!(w, [a, b] if a < b))
					&& c.purposes.windows(2).all(|w| matches!(w, [a, b] if a < b)),
				"a consent's sets are not sorted sets"
			);
			if let (Some(from), Some(until)) = (c.valid_from, c.valid_until) {
				ensure!(until > from, "a consent's window is empty");
			}
			ensure!(
				PatientConsents::<T>::contains_key(c.patient, id),
				"a consent is not indexed by patient"
			);
			ensure!(
				GranteeConsents::<T>::contains_key(&c.grantee, id),
				"a consent is not indexed by grantee"
			);
			let indexed = Rules::<T>::get(c.patient, &c.grantee)
				.into_iter()
				.filter(|r| r.consent == id)
				.count();
			if c.status == ConsentStatus::Active {
				active = active.saturating_add(1);
				ensure!(indexed == 1, "an active consent is not in the access index exactly once");
				let rule = Rules::<T>::get(c.patient, &c.grantee)
					.into_iter()
					.find(|r| r.consent == id)
					.ok_or("an active consent has no rule")?;
				ensure!(
					rule.decision == c.decision
						&& u32::from(rule.actions) == mask(&c.actions, |a| a.bit())
						&& u32::from(rule.categories) == mask(&c.categories, |x| x.bit())
						&& u32::from(rule.purposes) == mask(&c.purposes, |p| p.bit())
						&& rule.valid_from == c.valid_from
						&& rule.valid_until == c.valid_until,
					"a rule differs from its consent"
				);
			} else {
				ensure!(indexed == 0, "a revoked consent is still in the access index");
			}
			let n = per_patient.entry(c.patient).or_default();
			*n = n.saturating_add(1);
			let n = per_grantee.entry(c.grantee.clone()).or_default();
			*n = n.saturating_add(1);
		}
		let mut rules = 0usize;
		for (_, _, list) in Rules::<T>::iter() {
			ensure!(!list.is_empty(), "an empty rule list is stored");
			rules = rules.saturating_add(list.len());
		}
		ensure!(rules == active, "the access index holds rules of no active consent");
		ensure!(
			PatientConsents::<T>::iter().count() == Consents::<T>::iter().count()
				&& GranteeConsents::<T>::iter().count() == Consents::<T>::iter().count(),
			"an index lists a consent that does not exist"
		);
		for (patient, count) in PatientConsentCount::<T>::iter() {
			ensure!(
				per_patient.get(&patient) == Some(&count),
				"a patient's consent count is wrong"
			);
			ensure!(count <= T::MaxConsentsPerPatient::get(), "a patient has too many consents");
		}
		ensure!(
			PatientConsentCount::<T>::iter().count() == per_patient.len(),
			"a patient with consents has no count"
		);
		for (grantee, count) in GranteeConsentCount::<T>::iter() {
			ensure!(
				per_grantee.get(&grantee) == Some(&count),
				"a grantee's consent count is wrong"
			);
			ensure!(count <= T::MaxConsentsPerGrantee::get(), "a grantee has too many consents");
		}
		ensure!(
			GranteeConsentCount::<T>::iter().count() == per_grantee.len(),
			"a grantee with consents has no count"
		);
		let mut requests: BTreeMap<PatientId, u32> = BTreeMap::new();
		for (id, r) in Requests::<T>::iter() {
			ensure!(PatientRequests::<T>::contains_key(r.patient, id), "a request is not indexed");
			let n = requests.entry(r.patient).or_default();
			*n = n.saturating_add(1);
		}
		ensure!(
			PatientRequests::<T>::iter().count() == Requests::<T>::iter().count(),
			"a request index lists a request that does not exist"
		);
		for (patient, count) in PendingRequestCount::<T>::iter() {
			ensure!(requests.get(&patient) == Some(&count), "a patient's request count is wrong");
			ensure!(count <= T::MaxPendingRequests::get(), "a patient has too many requests");
		}
		ensure!(
			PendingRequestCount::<T>::iter().count() == requests.len(),
			"a patient with requests has no count"
		);
		for (id, e) in EmergencyAccesses::<T>::iter() {
			ensure!(
				Unreviewed::<T>::contains_key(e.org, id) == e.review.is_none(),
				"the unreviewed list disagrees with an emergency access"
			);
		}
		for (org, id, ()) in Unreviewed::<T>::iter() {
			ensure!(
				EmergencyAccesses::<T>::get(id).is_some_and(|e| e.org == org),
				"an unreviewed entry of no such access"
			);
		}
		Ok(())
	}
}
