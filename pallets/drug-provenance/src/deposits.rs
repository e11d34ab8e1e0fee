//! Storage deposits: the signer of every call that stores something holds a deposit for it.
//!
//! | item | created by | bytes |
//! |---|---|---|
//! | product | `register_product` | [`Pallet::product_bytes`] |
//! | lot | the `commission_units` that names it first | [`Pallet::lot_bytes`] |
//! | unit, with its `Commissioned` entry | `commission_units` | [`Pallet::unit_bytes`] |
//! | container, with its lot set and `Commissioned` entry | the `pack` that creates it | [`Pallet::container_bytes`] |
//! | shipment | `ship`, `return_unit` | [`Pallet::shipment_bytes`] |
//! | any other history entry | the move that appends it | [`Pallet::history_entry_bytes`] |
//!
//! An item's bytes are the largest encodings of its storage keys and value, from their types.
//! Nothing in this pallet is ever removed (histories, shipments and opened containers are the
//! permanent provenance record), so nothing is released; a removal added later releases to the
//! creator, which it then has to record. A call holds the deposit after its checks, before its
//! writes where the footprint is known up front and otherwise as its last fallible step: a
//! failing hold fails the call, and dispatch reverts whatever it wrote.

use super::*;

/// The largest encoding of `X`, in bytes.
fn max_len<X: MaxEncodedLen>() -> u64 {
	u64::try_from(X::max_encoded_len()).unwrap_or(u64::MAX)
}

impl<T: Config> Pallet<T> {
	/// Grows `who`'s footprint by `items` items of `bytes` bytes in all and holds the deposit
	/// for it; nothing when `items` is 0.
	pub(crate) fn hold_deposit(who: &T::AccountId, items: u64, bytes: u64) -> DispatchResult {
		if items == 0 {
			return Ok(());
		}
		deposit::hold::<_, T::Deposit, Deposits<T>>(who, items, bytes)
			.map_err(|_| Error::<T>::DepositUnavailable.into())
	}

	/// [`Self::hold_deposit`] for `entries` history entries.
	pub(crate) fn hold_history_deposit(who: &T::AccountId, entries: u32) -> DispatchResult {
		let entries = u64::from(entries);
		Self::hold_deposit(who, entries, entries.saturating_mul(Self::history_entry_bytes()))
	}

	/// A product: its GTIN key and the product.
	pub fn product_bytes() -> u64 {
		max_len::<Gtin>().saturating_add(max_len::<ProductOf<T>>())
	}

	/// A lot: its GTIN and lot keys and the lot.
	pub fn lot_bytes() -> u64 {
		max_len::<Gtin>().saturating_add(max_len::<Lot>()).saturating_add(max_len::<LotInfo>())
	}

	/// A history entry: its item and sequence number keys and the entry.
	pub fn history_entry_bytes() -> u64 {
		max_len::<Item>().saturating_add(max_len::<u32>()).saturating_add(max_len::<HistoryEntry>())
	}

	/// A unit: its GTIN and serial keys, the unit, and its first history entry.
	pub fn unit_bytes() -> u64 {
		max_len::<Gtin>()
			.saturating_add(max_len::<Serial>())
			.saturating_add(max_len::<UnitInfo>())
			.saturating_add(Self::history_entry_bytes())
	}

	/// A container: its SSCC key, the container, its lot set (SSCC key and room for
	/// `MaxLotsPerContainer` lots), and its first history entry.
	pub fn container_bytes() -> u64 {
		max_len::<Sscc>()
			.saturating_add(max_len::<ContainerInfo>())
			.saturating_add(max_len::<Sscc>())
			.saturating_add(max_len::<LotSetOf<T>>())
			.saturating_add(Self::history_entry_bytes())
	}

	/// A shipment: its id key and the shipment (with room for `MaxItemsPerCall` items).
	pub fn shipment_bytes() -> u64 {
		max_len::<ShipmentId>().saturating_add(max_len::<ShipmentOf<T>>())
	}
}
