//! The pallet's invariants, checked after every unit test and by `try-runtime`.

use super::*;

impl<T: Config> Pallet<T> {
	/// - every unit's product and lot exist; its parent container exists; its history holds
	///   exactly `events` entries, within `MaxHistory`;
	/// - every container's parent exists and is sealed, its depth is within `MaxDepth`, and its
	///   history holds exactly `events` entries;
	/// - what is in transit is in an unreceived shipment that lists it, bound for another
	///   organisation;
	/// - every shipment id is below `NextShipmentId`.
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
