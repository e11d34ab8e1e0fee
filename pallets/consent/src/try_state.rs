//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - every consent id is below `NextConsentId`; its sets are non-empty, sorted and free of
	///   duplicates; its window is well formed;
	/// - the access check's index holds only active consents, each once, under its (patient,
	///   grantee), in the same compact form, within `MaxRulesPerGrantee`; every active consent
	///   that has not ended is in it (an ended one may have been dropped by a later grant);
	/// - the per-patient and per-grantee indexes list exactly the stored consents, and the
	///   per-patient counts match them within `MaxConsentsPerPatient`;
	/// - requests are indexed per patient and per (patient, organisation), and counted per
	///   patient within `MaxPendingRequests`; a blocked organisation has no open request;
	/// - an unreviewed emergency access is listed for its organisation, and only those are;
	///   every `ActiveEmergency` entry points at a stored access of its (patient, practitioner);
	///   every bar stands for a stored access of its (patient, practitioner) reviewed as
	///   unjustified, `EmergencyBarPeriod` before the bar ends (the latest such review); a
	///   stored emergency preference is not the default and lists sensitive categories, sorted;
	/// - only a Permit to a practitioner is bound to an organisation, and a rule carries its
	///   consent's organisation and, if a guardian gave it, that guardian and its appointment;
	/// - the deposit ledger matches the storage: each account's footprint is exactly that of
	///   the items it holds a deposit for (its open requests; its emergency accesses' records,
	///   entries awaiting review and `ActiveEmergency` entries), and no entry is empty. (Every
	///   such item is stored with its deposit: the layout this code runs on is new, see the
	///   README.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::check_consents()?;
		Self::check_requests()?;
		Self::check_emergency_accesses()?;
		Self::check_deposits()
	}

	fn check_deposits() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut expected: BTreeMap<T::AccountId, Footprint> = BTreeMap::new();
		let mut add = |who: T::AccountId, size: u64| {
			let fp = expected.entry(who).or_insert(Footprint { count: 0, size: 0 });
			fp.count = fp.count.saturating_add(1);
			fp.size = fp.size.saturating_add(size);
		};
		for (_, r) in Requests::<T>::iter() {
			add(r.requester, Self::request_size());
		}
		for (_, e) in EmergencyAccesses::<T>::iter() {
			add(e.accessor, Self::emergency_record_size());
		}
		for (_, key, ()) in Unreviewed::<T>::iter() {
			let e = EmergencyAccesses::<T>::get(u64::from_be_bytes(key))
				.ok_or("an unreviewed entry of no such access")?;
			add(e.accessor, Self::unreviewed_entry_size());
		}
		for (_, accessor, _) in ActiveEmergency::<T>::iter() {
			add(accessor, Self::active_emergency_size());
		}
		let mut ledger = 0usize;
		for (who, held) in Deposits::<T>::iter() {
			ledger = ledger.saturating_add(1);
			ensure!(held.footprint.count > 0, "an empty deposit is stored");
			ensure!(
				expected.get(&who) == Some(&held.footprint),
				"an account's deposit footprint differs from what it keeps"
			);
		}
		ensure!(ledger == expected.len(), "an account keeps items without a deposit");
		Ok(())
	}

	fn check_consents() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextConsentId::<T>::get();
		let now = T::Time::now();
		let mut per_patient: BTreeMap<PatientId, u32> = BTreeMap::new();
		let mut consents = 0usize;
		for (id, c) in Consents::<T>::iter() {
			consents = consents.saturating_add(1);
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
				PatientConsents::<T>::contains_key(c.patient, ordered(id)),
				"a consent is not indexed by patient"
			);
			ensure!(
				GranteeConsents::<T>::contains_key(&c.grantee, ordered(id)),
				"a consent is not indexed by grantee"
			);
			let rules: Vec<Rule<T::AccountId>> = Rules::<T>::get(c.patient, &c.grantee)
				.into_iter()
				.filter(|r| r.consent == id)
				.collect();
			ensure!(rules.len() <= 1, "a consent is in the access index more than once");
			let ended = window(c.valid_from, c.valid_until, now) == Window::Ended;
			match (&c.status, rules.first()) {
				(ConsentStatus::Revoked { .. }, Some(_)) => {
					return Err("a revoked consent is still in the access index".into())
				}
				(ConsentStatus::Active, None) => {
					ensure!(
						ended,
						"an active consent that has not ended is not in the access index"
					)
				}
				(ConsentStatus::Active, Some(rule)) => ensure!(
					rule.decision == c.decision
						&& u32::from(rule.actions) == mask(&c.actions, |a| a.bit())
						&& u32::from(rule.categories) == mask(&c.categories, |x| x.bit())
						&& u32::from(rule.purposes) == mask(&c.purposes, |p| p.bit())
						&& rule.valid_from == c.valid_from
						&& rule.valid_until == c.valid_until
						&& rule.org == c.org
						&& rule.guardian
							== c.guardian_appointment.map(|number| Appointment {
								guardian: c.granted_by.clone(),
								number
							}),
					"a rule differs from its consent"
				),
				(ConsentStatus::Revoked { .. }, None) => {}
			}
			ensure!(
				c.org.is_none()
					|| (c.decision == Decision::Permit
						&& matches!(c.grantee, Grantee::Practitioner(_))),
				"only a Permit to a practitioner is bound to an organisation"
			);
			let n = per_patient.entry(c.patient).or_default();
			*n = n.saturating_add(1);
		}
		for (patient, grantee, list) in Rules::<T>::iter() {
			ensure!(!list.is_empty(), "an empty rule list is stored");
			for rule in list {
				ensure!(
					Consents::<T>::get(rule.consent).is_some_and(|c| c.patient == patient
						&& c.grantee == grantee
						&& c.status == ConsentStatus::Active),
					"a rule of no active consent of its (patient, grantee)"
				);
			}
		}
		ensure!(
			PatientConsents::<T>::iter().count() == consents
				&& GranteeConsents::<T>::iter().count() == consents,
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
		Ok(())
	}

	fn check_requests() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut per_patient: BTreeMap<PatientId, u32> = BTreeMap::new();
		let mut requests = 0usize;
		for (id, r) in Requests::<T>::iter() {
			requests = requests.saturating_add(1);
			ensure!(
				PatientRequests::<T>::contains_key(r.patient, ordered(id)),
				"a request is not indexed by patient"
			);
			ensure!(
				OrgRequests::<T>::get(r.patient, r.org).iter().filter(|x| **x == id).count() == 1,
				"a request is not indexed once by (patient, organisation)"
			);
			ensure!(
				!BlockedRequesters::<T>::contains_key(r.patient, r.org),
				"a blocked organisation has an open request"
			);
			let n = per_patient.entry(r.patient).or_default();
			*n = n.saturating_add(1);
		}
		ensure!(
			PatientRequests::<T>::iter().count() == requests,
			"a request index lists a request that does not exist"
		);
		let mut by_org = 0usize;
		for (patient, org, list) in OrgRequests::<T>::iter() {
			ensure!(!list.is_empty(), "an empty request list is stored");
			ensure!(
				list.windows(2).all(|w| matches!(w, [a, b] if a < b)),
				"an organisation's requests are not in order of id"
			);
			for id in list.iter() {
				ensure!(
					Requests::<T>::get(id).is_some_and(|r| r.patient == patient && r.org == org),
					"an organisation's request list names a request of someone else"
				);
			}
			by_org = by_org.saturating_add(list.len());
		}
		ensure!(
			by_org == requests,
			"the per-organisation request lists disagree with the requests"
		);
		for (patient, count) in PendingRequestCount::<T>::iter() {
			ensure!(
				per_patient.get(&patient) == Some(&count),
				"a patient's request count is wrong"
			);
			ensure!(count <= T::MaxPendingRequests::get(), "a patient has too many requests");
		}
		ensure!(
			PendingRequestCount::<T>::iter().count() == per_patient.len(),
			"a patient with requests has no count"
		);
		Ok(())
	}

	fn check_emergency_accesses() -> Result<(), sp_runtime::TryRuntimeError> {
		for (patient, accessor, (id, _, _)) in ActiveEmergency::<T>::iter() {
			ensure!(
				EmergencyAccesses::<T>::get(id)
					.is_some_and(|e| e.patient == patient && e.accessor == accessor),
				"an active emergency entry points at no access of its (patient, practitioner)"
			);
		}
		let bar = T::EmergencyBarPeriod::get();
		for (patient, accessor, until) in EmergencyBarred::<T>::iter() {
			ensure!(
				EmergencyAccesses::<T>::iter_values().any(|e| e.patient == patient
					&& e.accessor == accessor
					&& e.review.is_some_and(|r| !r.justified && r.at.saturating_add(bar) == until)),
				"a bar stands for no unjustified access of its (patient, practitioner)"
			);
		}
		for (_, preference) in EmergencyPreferences::<T>::iter() {
			if let EmergencyPreference::Allowed { sensitive } = preference {
				ensure!(
					!sensitive.is_empty()
						&& sensitive.iter().all(|c| c.is_sensitive())
						&& sensitive.windows(2).all(|w| matches!(w, [a, b] if a < b)),
					"an emergency preference is the default, or not a sorted set of sensitive categories"
				);
			}
		}
		for (id, e) in EmergencyAccesses::<T>::iter() {
			ensure!(
				Unreviewed::<T>::contains_key(e.org, ordered(id)) == e.review.is_none(),
				"the unreviewed list disagrees with an emergency access"
			);
		}
		for (org, key, ()) in Unreviewed::<T>::iter() {
			ensure!(
				EmergencyAccesses::<T>::get(u64::from_be_bytes(key)).is_some_and(|e| e.org == org),
				"an unreviewed entry of no such access"
			);
		}
		Ok(())
	}
}
