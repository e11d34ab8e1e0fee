//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;

impl<T: Config> Pallet<T> {
	/// - every unit's product and lot exist; its parent container exists; its history holds
	///   exactly `events` entries, within `MaxHistory`;
	/// - every container's parent exists and is sealed, its depth is within `MaxDepth`, and its
	///   history holds exactly `events` entries;
	/// - what is in transit is in an unreceived shipment that lists it, bound for another
	///   organisation;
	/// - every shipment id is below `NextShipmentId`;
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

	fn check_history(item: &Item, events: u32) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(events <= T::MaxHistory::get(), "a history is longer than MaxHistory");
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
			ensure!(!s.received, "in transit in a received shipment");
			ensure!(s.items.contains(item), "in transit in a shipment that does not list it");
		}
		Ok(())
	}
}
