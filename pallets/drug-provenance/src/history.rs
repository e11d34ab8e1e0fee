//! History entries: a call stages the entries it appends while it checks its inputs, and
//! writes them only once every check has passed.
//!
//! Entries are of two kinds. A *move* (packing, shipping, being taken out of an opened
//! container on the way) is refused once the item has `MaxHistory` entries. A *status change*
//! (receipt, a shipment's cancellation or refusal, a suspect report or ruling, dispensing,
//! decommissioning, opening) is always recorded, past `MaxHistory` if need be, so that a long
//! history, honest or pumped, never stops a unit from being received, quarantined, ruled on or
//! taken out of the supply chain. Each entry is its own storage item (bounded size, paid by a
//! deposit), and traces are paged, so a longer history costs no call more than its own entry.

use super::*;

/// Whether an entry records a move or a status change.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum EntryKind {
	/// Refused once the item has `MaxHistory` entries.
	Move,
	/// Never refused for the length of the history.
	Status,
}

/// The history entries a call appends, in order.
#[derive(Default)]
pub(crate) struct Journal {
	entries: Vec<(Item, u32, HistoryEntry)>,
}

impl Journal {
	/// Stages the item's next entry and counts it in `events`.
	pub(crate) fn note<T: Config>(
		&mut self,
		item: &Item,
		events: &mut u32,
		movement: Movement,
		at: Moment,
		container_seq: u32,
		kind: EntryKind,
	) -> Result<(), Error<T>> {
		if kind == EntryKind::Move {
			ensure!(*events < T::MaxHistory::get(), Error::<T>::HistoryTooLong);
		}
		self.entries.push((item.clone(), *events, HistoryEntry { movement, at, container_seq }));
		*events = events.saturating_add(1);
		Ok(())
	}

	/// How many entries are staged.
	pub(crate) fn len(&self) -> u32 {
		u32::try_from(self.entries.len()).unwrap_or(u32::MAX)
	}

	/// Writes the staged entries.
	pub(crate) fn write<T: Config>(self) {
		for (item, seq, entry) in self.entries {
			History::<T>::insert(item, seq, entry);
		}
	}
}
