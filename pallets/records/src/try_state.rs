//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;
use alloc::collections::btree_map::BTreeMap;

impl<T: Config> Pallet<T> {
	/// - every record id is below `NextRecordId`; a record's pointer is empty exactly when it is
	///   erased; its envelope count matches its stored envelopes, within the bound, and an erased
	///   record has none; a superseded record points to a newer record of the same patient that
	///   names it as the version it replaces;
	/// - every envelope belongs to a stored record; every envelope shared under a consent has
	///   its entry under that consent, and every such entry names an envelope shared under it;
	/// - every envelope left for the patient belongs to a stored record that is not erased;
	/// - every contest belongs to a stored, practitioner-authored record that is not erased;
	/// - each patient's access log holds exactly the entries of its window; each accessor's
	///   stored entry count is the number of its entries in that log, 1 to
	///   `MaxLogEntriesPerAccessor` (no count is stored for an accessor without entries);
	/// - every batch id is below `NextBatchId` and holds 1 to 2^20 leaves;
	/// - every deposit ledger entry counts at least one item, and no more items and bytes than
	///   the account keeps ([`Self::kept_footprints`]). It may count less: items stored before
	///   deposits existed hold none.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		let mut records: BTreeMap<RecordId, PatientId> = BTreeMap::new();
		let mut contestable: BTreeMap<RecordId, bool> = BTreeMap::new();
		let mut live: BTreeMap<RecordId, bool> = BTreeMap::new();
		for (patient, key, r) in Records::<T>::iter() {
			let id = u64::from_be_bytes(key);
			ensure!(id < next, "a record id is not below NextRecordId");
			records.insert(id, patient);
			live.insert(id, r.status != RecordStatus::Erased);
			contestable.insert(id, r.author_org.is_some() && r.status != RecordStatus::Erased);
			ensure!(
				r.pointer.is_empty() == (r.status == RecordStatus::Erased),
				"a record's pointer disagrees with its status"
			);
			let envelopes = KeyEnvelopes::<T>::iter_prefix(id).count() as u32;
			ensure!(envelopes == r.envelopes, "a record's envelope count is wrong");
			ensure!(
				envelopes <= T::MaxEnvelopesPerRecord::get(),
				"a record has too many envelopes"
			);
			if let RecordStatus::Superseded { by } = r.status {
				let newer = Records::<T>::get(patient, ordered(by))
					.ok_or("a record is superseded by nothing")?;
				ensure!(
					newer.supersedes == Some(id),
					"a successor does not name the record it replaces"
				);
				ensure!(by > id, "a record is superseded by an older one");
			}
		}
		let mut bound = 0usize;
		for (id, grantee, stored) in KeyEnvelopes::<T>::iter() {
			let patient = records.get(&id).ok_or("an envelope of no record")?;
			if let Some(consent) = stored.consent {
				bound = bound.saturating_add(1);
				ensure!(
					ConsentEnvelopes::<T>::contains_key((*patient, consent), (id, grantee)),
					"an envelope is missing from its consent's entries"
				);
			}
		}
		for ((patient, consent), (id, grantee), ()) in ConsentEnvelopes::<T>::iter() {
			ensure!(records.get(&id) == Some(&patient), "a consent's entry of no record");
			ensure!(
				KeyEnvelopes::<T>::get(id, grantee).is_some_and(|e| e.consent == Some(consent)),
				"a consent's entry names no envelope shared under it"
			);
		}
		ensure!(
			ConsentEnvelopes::<T>::iter_keys().count() == bound,
			"consent entries and bound envelopes differ in number"
		);
		for id in PatientEnvelopes::<T>::iter_keys() {
			ensure!(
				live.get(&id) == Some(&true),
				"a patient's envelope of no record, or of an erased one"
			);
		}
		for id in Contests::<T>::iter_keys() {
			ensure!(
				contestable.get(&id) == Some(&true),
				"a contest of no record, an erased one, or a patient-authored one"
			);
		}
		let mut entries: BTreeMap<PatientId, Vec<u64>> = BTreeMap::new();
		let mut per_accessor: BTreeMap<(PatientId, T::AccountId), u32> = BTreeMap::new();
		for (patient, key, entry) in AccessLog::<T>::iter() {
			entries.entry(patient).or_default().push(u64::from_be_bytes(key));
			let n = per_accessor.entry((patient, entry.accessor)).or_default();
			*n = n.saturating_add(1);
		}
		for (patient, accessor, logged) in AccessorLogEntries::<T>::iter() {
			ensure!(logged > 0, "an accessor's entry count of zero is stored");
			ensure!(
				logged <= T::MaxLogEntriesPerAccessor::get(),
				"an accessor has too many entries in a patient's access log"
			);
			ensure!(
				per_accessor.remove(&(patient, accessor)) == Some(logged),
				"an accessor's entry count differs from its entries in the log"
			);
		}
		ensure!(per_accessor.is_empty(), "an accessor's log entries are not counted");
		for (patient, window) in AccessLogWindow::<T>::iter() {
			ensure!(window.first <= window.next, "an access log window ends before it starts");
			let mut seqs = entries.remove(&patient).unwrap_or_default();
			seqs.sort_unstable();
			let expected: Vec<u64> = (window.first..window.next).collect();
			ensure!(seqs == expected, "an access log differs from its window");
		}
		ensure!(entries.is_empty(), "an access log has entries but no window");
		let next_batch = NextBatchId::<T>::get();
		for (id, b) in Batches::<T>::iter() {
			ensure!(id < next_batch, "a batch id is not below NextBatchId");
			ensure!(
				(1..=merkle::MAX_LEAVES).contains(&b.leaf_count),
				"a batch has a bad leaf count"
			);
		}
		let mut kept = Self::kept_footprints();
		for (who, held) in Deposits::<T>::iter() {
			ensure!(held.footprint.count > 0, "a deposit ledger entry counts no item");
			let keeps = kept.remove(&who).unwrap_or_default();
			ensure!(
				held.footprint.count <= keeps.count && held.footprint.size <= keeps.size,
				"a deposit ledger counts more than its account keeps"
			);
		}
		Ok(())
	}

	/// Per account, the items it keeps here that hold a deposit, and their bytes: its records
	/// (as tombstones once erased) and the envelopes it left their patients, its batches, its
	/// access-log entries and its entry counts, its contests, and the keys it published.
	pub fn kept_footprints() -> BTreeMap<T::AccountId, Footprint> {
		let mut kept: BTreeMap<T::AccountId, Footprint> = BTreeMap::new();
		let mut add = |who: T::AccountId, items: u64, bytes: u64| {
			let f = kept.entry(who).or_default();
			f.count = f.count.saturating_add(items);
			f.size = f.size.saturating_add(bytes);
		};
		for r in Records::<T>::iter_values() {
			let bytes = match r.status {
				RecordStatus::Erased => Self::tombstone_bytes(),
				_ => Self::record_bytes(),
			};
			add(r.author, 1, bytes);
		}
		let mut author_of: BTreeMap<RecordId, T::AccountId> = BTreeMap::new();
		for (_, key, r) in Records::<T>::iter() {
			author_of.insert(u64::from_be_bytes(key), r.author);
		}
		for id in PatientEnvelopes::<T>::iter_keys() {
			if let Some(author) = author_of.get(&id) {
				add(author.clone(), 1, Self::patient_envelope_bytes());
			}
		}
		for k in ReaderKeys::<T>::iter_values() {
			add(k.depositor, 1, Self::reader_key_bytes());
		}
		for b in Batches::<T>::iter_values() {
			add(b.author, 1, Self::batch_bytes());
		}
		for entry in AccessLog::<T>::iter_values() {
			add(entry.accessor, 1, Self::log_entry_bytes());
		}
		for (_, accessor, _) in AccessorLogEntries::<T>::iter() {
			add(accessor, 0, Self::log_counter_bytes());
		}
		for contest in Contests::<T>::iter_values() {
			add(contest.by, 1, Self::contest_bytes());
		}
		kept
	}

	/// Whether every account's deposit ledger counts exactly what it keeps (true when every
	/// item was stored with deposits in place, as in the unit tests).
	#[cfg(test)]
	pub fn deposits_match_kept_items() -> Result<(), sp_runtime::TryRuntimeError> {
		let kept = Self::kept_footprints();
		let held: BTreeMap<T::AccountId, Footprint> =
			Deposits::<T>::iter().map(|(who, d)| (who, d.footprint)).collect();
		ensure!(held == kept, "a deposit ledger differs from what its account keeps");
		Ok(())
	}
}
