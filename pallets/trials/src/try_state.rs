//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - every trial id is below `NextTrialId`; a trial's counters (versions, sites,
	///   participants, commitments, history) match its stored items, numbered from 0 without
	///   gaps where numbered, within their bounds;
	/// - a trial's registry ids are valid, sorted and distinct, and the registry index maps
	///   exactly those of every trial (by their index keys) to it;
	/// - a trial has at most `max_status_changes` status changes, as many as its history's
	///   `StatusChanged` entries, and a reason why it stopped exactly while it is suspended,
	///   terminated or withdrawn;
	/// - `reconsent_from` names a version; a version's phase never goes back, and an approval
	///   names an ethics committee's history entry;
	/// - a trial with a declared start has it as its first enrolment, and it is before the
	///   registration; an enrolled participant means a first enrolment; the database lock is
	///   the one `DatabaseLock` commitment, and unblinding and results come after it;
	/// - every participant's site is an activated site of the trial, and their consent names a
	///   version of it;
	/// - every deposit ledger counts exactly the items its account added and their bytes (this
	///   reads the whole pallet's storage: it is meant for tests and try-runtime, never for a
	///   block).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextTrialId::<T>::get();
		let mut indexed = 0usize;
		for (id, t) in Trials::<T>::iter() {
			ensure!(id < next, "a trial id is not below NextTrialId");
			ensure!(
				t.versions > 0 && t.versions <= T::MaxVersions::get(),
				"a trial's version count is out of bounds"
			);
			ensure!(
				Versions::<T>::iter_key_prefix(id).count() == t.versions as usize,
				"a trial's version count differs from its versions"
			);
			let mut last_phase = TrialPhase::BeforeEnrolment;
			for version in 0..t.versions {
				let v = Versions::<T>::get(id, version).ok_or("a trial's versions have a gap")?;
				ensure!(v.phase >= last_phase, "a version's phase goes back");
				ensure!((version == 0) == v.reason.is_none(), "only version 0 has no reason");
				last_phase = v.phase;
			}
			ensure!(t.reconsent_from < t.versions, "reconsent_from names no version");
			ensure!(
				Sites::<T>::iter_key_prefix(id).count() == t.sites as usize
					&& t.sites <= T::MaxSites::get(),
				"a trial's site count differs from its sites"
			);
			ensure!(
				Participants::<T>::iter_key_prefix(id).count() == t.participants as usize
					&& t.participants <= T::MaxParticipants::get(),
				"a trial's participant count differs from its participants"
			);
			ensure!(
				t.commitments <= T::MaxCommitments::get()
					&& Commitments::<T>::iter_key_prefix(id).count() == t.commitments as usize
					&& (0..t.commitments).all(|seq| Commitments::<T>::contains_key(id, seq)),
				"a trial's commitments differ from its count"
			);
			ensure!(
				t.history <= T::MaxHistory::get()
					&& History::<T>::iter_key_prefix(id).count() == t.history as usize
					&& (0..t.history).all(|seq| History::<T>::contains_key(id, seq)),
				"a trial's history differs from its count"
			);
			ensure!(t.registry_ids.iter().all(RegistryId::is_valid), "a registry id is invalid");
			ensure!(
				t.registry_ids.windows(2).all(|w| matches!(w, [a, b] if a < b)),
				"registry ids are not sorted and distinct"
			);
			for rid in t.registry_ids.iter() {
				ensure!(
					RegistryIndex::<T>::get(rid.index_key()) == Some(id),
					"a registry id is not indexed"
				);
			}
			let status_changes = History::<T>::iter_prefix_values(id)
				.filter(|e| matches!(e.step, TrialStep::StatusChanged { .. }))
				.count();
			ensure!(
				status_changes == t.status_changes as usize
					&& t.status_changes <= Self::max_status_changes(),
				"a trial's status changes differ from its count"
			);
			ensure!(
				t.why_stopped.is_some() == t.status.is_stopped(),
				"a reason why the trial stopped does not match its status"
			);
			indexed = indexed.saturating_add(t.registry_ids.len());
			if let Some(start) = t.declared_start {
				ensure!(
					t.first_enrolment == Some(start),
					"a declared start is not the first enrolment"
				);
				ensure!(start < t.registered_at, "a declared start is not before registration");
			}
			let locks: Vec<DataCommitment> = Commitments::<T>::iter_prefix_values(id)
				.filter(|c| c.kind == DataKind::DatabaseLock)
				.collect();
			ensure!(locks.len() <= 1, "a trial has more than one database lock");
			ensure!(
				t.database_lock == locks.first().map(|c| (c.root, c.at)),
				"the database lock differs from its commitment"
			);
			ensure!(
				t.unblinded_at.is_none() || t.database_lock.is_some(),
				"unblinded without a database lock"
			);
			ensure!(t.results.is_none() || t.database_lock.is_some(), "results without a lock");
			let enrolled = Participants::<T>::iter_prefix_values(id)
				.filter(|p| p.enrolled_at.is_some())
				.count();
			ensure!(enrolled == t.enrolled as usize, "a trial's enrolment differs from its count");
			for p in Participants::<T>::iter_prefix_values(id) {
				ensure!(Sites::<T>::contains_key(id, p.site), "a participant's site is not active");
				ensure!(p.consented_version < t.versions, "a consent names no version");
				ensure!(
					p.enrolled_at.is_none() || t.first_enrolment.is_some(),
					"an enrolled participant but no first enrolment"
				);
			}
		}
		ensure!(
			RegistryIndex::<T>::iter().count() == indexed,
			"a registry index entry names no trial"
		);
		for (_, trial) in RegistryIndex::<T>::iter() {
			ensure!(Trials::<T>::contains_key(trial), "a registry index entry names no trial");
		}
		Self::deposits_match_kept_items()
	}

	/// What each account added to the registry: the number of items and their bytes, as its
	/// deposit ledger must count them.
	pub fn kept_footprints() -> BTreeMap<T::AccountId, Footprint> {
		let mut kept: BTreeMap<T::AccountId, Footprint> = BTreeMap::new();
		let mut add = |who: &T::AccountId, items: u64, bytes: u64| {
			let f = kept.entry(who.clone()).or_default();
			f.count = f.count.saturating_add(items);
			f.size = f.size.saturating_add(bytes);
		};
		for t in Trials::<T>::iter_values() {
			let n = u64::try_from(t.registry_ids.len()).unwrap_or(u64::MAX);
			add(&t.registered_by, 1, Self::trial_bytes());
			add(&t.registered_by, n, Self::registry_index_bytes().saturating_mul(n));
		}
		for v in Versions::<T>::iter_values() {
			add(&v.committed_by, 1, Self::version_bytes());
		}
		for entry in History::<T>::iter_values() {
			add(&entry.by, 1, Self::history_bytes());
			match entry.step {
				TrialStep::SiteActivated { .. } => add(&entry.by, 1, Self::site_bytes()),
				TrialStep::DataCommitted { .. } => add(&entry.by, 1, Self::commitment_bytes()),
				_ => {}
			}
		}
		for p in Participants::<T>::iter_values() {
			add(&p.recorded_by, 1, Self::participant_bytes());
		}
		kept
	}

	/// Every deposit ledger counts exactly what its account added.
	pub fn deposits_match_kept_items() -> Result<(), sp_runtime::TryRuntimeError> {
		let kept = Self::kept_footprints();
		let held: BTreeMap<T::AccountId, Footprint> =
			Deposits::<T>::iter().map(|(who, d)| (who, d.footprint)).collect();
		ensure!(held == kept, "a deposit ledger differs from what its account added");
		Ok(())
	}
}
