//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;

impl<T: Config> Pallet<T> {
	/// - every unit's product and lot exist; its parent container exists; its history holds
	///   exactly `events` entries (status changes may take it past `MaxHistory`);
	/// - every container's parent exists and is sealed, its depth is within `MaxDepth`, and its
	///   history holds exactly `events` entries;
	/// - what is in transit is in an unreceived shipment that lists it, bound for another
	///   organisation;
	/// - every shipment id is below `NextShipmentId`;
	/// - every container's flagged count is the number of units directly in it that are
	///   suspect or illegitimate plus the containers directly in it with a count of their own,
	///   and no count of zero is stored;
	/// - every lot set belongs to a container, is sorted and lists each lot once, and holds
	///   the lot of every unit packed into the container and the lots of every container
	///   packed into it;
	/// - the deposit ledger: every entry backs at least one item, its bytes lie between its
	///   item count times the smallest and the largest item size, and the ledger counts no more
	///   items than exist (products, lots, shipments and history entries, a unit or container
	///   counting as its first entry; items stored before deposits existed have no deposit,
	///   hence "no more").
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (gtin, serial, unit) in Units::<T>::iter() {
			ensure!(Products::<T>::contains_key(gtin), "a unit of no product");
			ensure!(Lots::<T>::contains_key(gtin, &unit.lot), "a unit of no lot");
			if let Some(p) = unit.parent {
				ensure!(Containers::<T>::contains_key(p), "a unit in no container");
			}
			let item = Item::Unit { gtin, serial };
			Self::check_history(&item, unit.events)?;
			Self::check_custody(&item, unit.parent, unit.custody)?;
		}
		for (sscc, c) in Containers::<T>::iter() {
			if let Some(p) = c.parent {
				let parent = Containers::<T>::get(p).ok_or("a container in no container")?;
				ensure!(parent.depth > c.depth, "a container is not shallower than its parent");
			}
			ensure!(c.depth >= 1 && c.depth <= T::MaxDepth::get(), "a container is too deep");
			let item = Item::Container(sscc);
			Self::check_history(&item, c.events)?;
			Self::check_custody(&item, c.parent, c.custody)?;
		}
		Self::check_flagged_contents()?;
		Self::check_container_lots()?;
		let next = NextShipmentId::<T>::get();
		for (id, s) in Shipments::<T>::iter() {
			ensure!(id < next, "a shipment id is not below NextShipmentId");
			ensure!(s.from != s.to, "a shipment to its sender");
		}
		Self::check_deposits()
	}

	fn check_deposits() -> Result<(), sp_runtime::TryRuntimeError> {
		let sizes = [
			Self::product_bytes(),
			Self::lot_bytes(),
			Self::history_entry_bytes(),
			Self::unit_bytes(),
			Self::container_bytes(),
			Self::shipment_bytes(),
		];
		let smallest = sizes.iter().copied().min().unwrap_or(0);
		let largest = sizes.iter().copied().max().unwrap_or(0);
		let mut held: u64 = 0;
		for (_, d) in Deposits::<T>::iter() {
			let Footprint { count, size } = d.footprint;
			ensure!(count > 0, "a deposit ledger entry backs nothing");
			ensure!(
				size >= count.saturating_mul(smallest) && size <= count.saturating_mul(largest),
				"a deposit ledger entry's bytes do not fit its item count"
			);
			held = held.saturating_add(count);
		}
		let items = [
			Products::<T>::iter_keys().count(),
			Lots::<T>::iter_keys().count(),
			Shipments::<T>::iter_keys().count(),
			History::<T>::iter_keys().count(),
		]
		.into_iter()
		.fold(0u64, |sum, n| sum.saturating_add(n as u64));
		ensure!(held <= items, "the deposit ledger counts more items than exist");
		Ok(())
	}

	fn check_flagged_contents() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut expected: alloc::collections::BTreeMap<Sscc, u32> = Default::default();
		let mut count = |parent: Option<Sscc>| {
			if let Some(p) = parent {
				let n = expected.entry(p).or_insert(0);
				*n = n.saturating_add(1);
			}
		};
		for (_, _, unit) in Units::<T>::iter() {
			if Self::is_flagged(unit.status) {
				count(unit.parent);
			}
		}
		for (sscc, c) in Containers::<T>::iter() {
			if Self::is_quarantined(&sscc) {
				count(c.parent);
			}
		}
		for (sscc, n) in FlaggedContents::<T>::iter() {
			ensure!(n > 0, "a flagged count of zero is stored");
			ensure!(Containers::<T>::contains_key(sscc), "a flagged count of no container");
			ensure!(expected.get(&sscc) == Some(&n), "a flagged count is wrong");
		}
		ensure!(
			expected.keys().all(FlaggedContents::<T>::contains_key),
			"a container with flagged contents has no count"
		);
		Ok(())
	}

	fn check_container_lots() -> Result<(), sp_runtime::TryRuntimeError> {
		for (sscc, lots) in ContainerLots::<T>::iter() {
			ensure!(Containers::<T>::contains_key(sscc), "a lot set of no container");
			ensure!(
				lots.windows(2).all(|w| matches!(w, [a, b] if a < b)),
				"a lot set is not sorted or repeats a lot"
			);
		}
		for (gtin, _, unit) in Units::<T>::iter() {
			if let Some(p) = unit.parent {
				ensure!(
					ContainerLots::<T>::get(p).binary_search(&(gtin, unit.lot)).is_ok(),
					"a unit's lot is missing from its container's lot set"
				);
			}
		}
		for (sscc, c) in Containers::<T>::iter() {
			if let Some(p) = c.parent {
				let outer = ContainerLots::<T>::get(p);
				ensure!(
					ContainerLots::<T>::get(sscc).iter().all(|l| outer.binary_search(l).is_ok()),
					"a container's lots are missing from its parent's lot set"
				);
			}
		}
		Ok(())
	}

	fn check_history(item: &Item, events: u32) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(
			History::<T>::iter_prefix(item).count() as u32 == events,
			"a history count is wrong"
		);
		Ok(())
	}

	/// Something in transit (and in no container) is in an unreceived shipment that lists it.
	fn check_custody(
		item: &Item,
		parent: Option<Sscc>,
		custody: Custody,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		if let (None, Custody::InTransit(id)) = (parent, custody) {
			let s = Shipments::<T>::get(id).ok_or("in transit in no shipment")?;
			ensure!(s.state == ShipmentState::InTransit, "in transit in a closed shipment");
			ensure!(s.items.contains(item), "in transit in a shipment that does not list it");
		}
		Ok(())
	}
}
