//! Paged traces of a unit's custody chain (runtime API `ProvenanceApi::trace`, version 2).
//!
//! A trace walks the unit's history; at a `Packed` entry it descends into the container's
//! history from where the unit went in (`HistoryEntry::container_seq`) and walks it, descending
//! again at that container's own `Packed` entries, until the container's `Opened` entry (which
//! belongs to the chain) or the end of its history; then it walks on in the history above. The
//! walk keeps one position per nesting level (the unit and at most `MaxDepth` containers), and
//! those positions are the cursor of the next page.
//!
//! A page reads the entries it returns and a constant more: resuming re-reads the `Packed`
//! entry of each level but the last (at most `MaxDepth`), each history that ends costs one read
//! (a budget of `MaxDepth + 1` per page; in a consistent state a level ends by reaching the end
//! of its history only while the container is still sealed, so no more than that many ever
//! do), and a full page reads the next entry to know whether the chain goes on. With the unit's
//! own lookup: at most `steps + 2 × MaxDepth + 3` reads. No container record is read.

use super::*;

/// One nesting level of a walk: a history and a position in it.
pub(crate) struct Level {
	/// Whose history: the unit, or a container it was in.
	pub(crate) item: Item,
	/// The container, as the steps found here name it (`None` for the unit itself).
	via: Option<Sscc>,
	/// The next entry to read; while a deeper level walks a container, the `Packed` entry that
	/// put the item into it.
	pub(crate) seq: u32,
}

#[cfg(test)]
std::thread_local! {
	/// Storage reads made by traces on this thread, for the tests of the read bound.
	pub(crate) static TRACE_READS: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

#[cfg(test)]
fn count_read() {
	TRACE_READS.with(|r| r.set(r.get().saturating_add(1)));
}

#[cfg(not(test))]
fn count_read() {}

impl<T: Config> Pallet<T> {
	/// One page of the unit's custody chain from commissioning to now: its own history and,
	/// while it was in a container, that container's (and its containers') moves until it was
	/// opened, each step marked with the container it happened to.
	///
	/// `cursor` is `None` for the first page and the previous page's `next` after that;
	/// `limit` is the most steps wanted, capped at [`MAX_TRACE_PAGE`]. The page's `next` is
	/// `None` when its steps reach the end of the chain. A malformed code, an unknown unit, or a
	/// cursor that belongs to another unit or does not fit this unit's histories gives an empty
	/// page with no `next`. Cost: the steps returned plus at most `2 × MaxDepth + 3` reads.
	pub fn trace(gtin: &[u8], serial: &[u8], cursor: Option<TraceCursor>, limit: u32) -> TracePage {
		let empty = TracePage { steps: Vec::new(), next: None };
		let (Ok(gtin), Ok(serial)) = (gs1::gtin(gtin), gs1::serial(serial)) else {
			return empty;
		};
		count_read();
		if !Units::<T>::contains_key(gtin, &serial) {
			return empty;
		}
		let Some(mut levels) = Self::resume(gtin, &serial, cursor) else { return empty };
		let limit = limit.min(MAX_TRACE_PAGE) as usize;
		let max_levels = Self::trace_levels();
		let mut steps = Vec::with_capacity(limit);
		let mut ends_left = max_levels;
		while let Some(level) = levels.last_mut() {
			if ends_left == 0 {
				break;
			}
			let Some(entry) = Self::read_history(&level.item, level.seq) else {
				// This history ends here: the level is done and the one above walks on.
				levels.pop();
				Self::walk_on(&mut levels);
				ends_left = ends_left.saturating_sub(1);
				continue;
			};
			if steps.len() >= limit {
				// The page is full and the chain goes on from this entry.
				break;
			}
			steps.push(TraceStep { movement: entry.movement, at: entry.at, via: level.via });
			match entry.movement {
				Movement::Opened if levels.len() > 1 => {
					// What was inside moves on its own from here.
					levels.pop();
					Self::walk_on(&mut levels);
				}
				Movement::Packed { into } if levels.len() < max_levels => levels.push(Level {
					item: Item::Container(into),
					via: Some(into),
					seq: entry.container_seq,
				}),
				_ => Self::walk_on(&mut levels),
			}
		}
		let next = (!levels.is_empty()).then(|| TraceCursor {
			gtin,
			serial: serial.clone(),
			levels: BoundedVec::truncate_from(levels.iter().map(|l| l.seq).collect()),
		});
		TracePage { steps, next }
	}

	/// Whether the step at `path` in the unit's custody chain shows `org` holding the unit: it
	/// commissioned it, received it, shipped it, or had it back from a cancelled shipment. The
	/// path is checked as a trace cursor is: every level but the last is a `Packed` entry into
	/// the next level's container, and each position lies after the item went in, so the step
	/// happened to the unit or to a container while the unit was sealed in it (a container
	/// gets no entry after it is opened). At most `MaxDepth + 1` reads.
	pub(crate) fn held_at(
		org: OrgId,
		gtin: Gtin,
		serial: &Serial,
		path: CustodyPath,
	) -> Result<bool, Error<T>> {
		let cursor = TraceCursor { gtin, serial: serial.clone(), levels: path };
		let levels =
			Self::resume(gtin, serial, Some(cursor)).ok_or(Error::<T>::InvalidCustodyPath)?;
		let step = levels.last().ok_or(Error::<T>::InvalidCustodyPath)?;
		let entry =
			Self::read_history(&step.item, step.seq).ok_or(Error::<T>::InvalidCustodyPath)?;
		Ok(match entry.movement {
			Movement::Commissioned { org: by }
			| Movement::Received { by, .. }
			| Movement::Shipped { from: by, .. }
			| Movement::ShipmentCancelled { by, .. } => by == org,
			_ => false,
		})
	}

	/// How many nesting levels a trace walks: the unit and up to `MaxDepth` containers.
	pub fn trace_levels() -> usize {
		usize::from(T::MaxDepth::get()).saturating_add(1)
	}

	/// The levels a walk starts from: the unit's history from its start, or where `cursor`
	/// left off. `None` when the cursor is not one this unit's trace could have given: another
	/// unit's, no levels or too many, or a level that is not a `Packed` entry into the next
	/// level's container, after where the item went in.
	fn resume(gtin: Gtin, serial: &Serial, cursor: Option<TraceCursor>) -> Option<Vec<Level>> {
		let mut item = Item::Unit { gtin, serial: serial.clone() };
		let Some(cursor) = cursor else {
			return Some(alloc::vec![Level { item, via: None, seq: 0 }]);
		};
		if cursor.gtin != gtin || &cursor.serial != serial {
			return None;
		}
		if cursor.levels.len() > Self::trace_levels() {
			return None;
		}
		let (&last, outer) = cursor.levels.split_last()?;
		let mut levels = Vec::with_capacity(cursor.levels.len());
		let mut via = None;
		let mut start = 0;
		for &seq in outer {
			if seq < start {
				return None;
			}
			let Some(HistoryEntry { movement: Movement::Packed { into }, container_seq, .. }) =
				Self::read_history(&item, seq)
			else {
				return None;
			};
			levels.push(Level { item, via, seq });
			item = Item::Container(into);
			via = Some(into);
			start = container_seq;
		}
		if last < start {
			return None;
		}
		levels.push(Level { item, via, seq: last });
		Some(levels)
	}

	/// The level on top walks on past the entry it stood at.
	fn walk_on(levels: &mut [Level]) {
		if let Some(level) = levels.last_mut() {
			level.seq = level.seq.saturating_add(1);
		}
	}

	fn read_history(item: &Item, seq: u32) -> Option<HistoryEntry> {
		count_read();
		History::<T>::get(item, seq)
	}
}
