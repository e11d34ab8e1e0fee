//! Storage deposits: whoever leaves lasting state in a Medchain pallet holds a deposit for it
//! while it exists.
//!
//! Each pallet keeps one [`StorageDeposit`] per account: the account's footprint in that pallet
//! (how many items, how many bytes) and the ticket of the deposit held for it. Creating an item
//! grows the footprint through [`hold`]; removing it shrinks the footprint through [`release`],
//! and the deposit follows. The price of a footprint and the hold reason are the runtime's choice
//! (a `Consideration` such as `fungible::HoldConsideration`); a pallet only says how large its
//! items are. One ticket per account and pallet keeps the cost of a write constant: one more
//! read and write, whatever the account already holds.

use codec::{Decode, Encode, FullEncode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::{
	storage::StorageMap,
	traits::{Consideration, Footprint, Get},
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{Convert, Saturating},
	DispatchError,
};

/// What one account keeps in one pallet's storage, and the deposit held for it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct StorageDeposit<Ticket> {
	/// Number of items and their total size in bytes.
	pub footprint: Footprint,
	/// The ticket of the deposit held for `footprint`.
	pub ticket: Ticket,
}

/// Grows `who`'s footprint in the ledger `M` by `items` items of `bytes` bytes in total and holds
/// the deposit for the new footprint. Fails, changing nothing, when `who` cannot hold it.
pub fn hold<A, C, M>(who: &A, items: u64, bytes: u64) -> Result<(), DispatchError>
where
	A: FullEncode,
	C: Consideration<A, Footprint>,
	M: StorageMap<A, StorageDeposit<C>, Query = Option<StorageDeposit<C>>>,
{
	M::try_mutate(who, |held| {
		let (footprint, ticket) = match held.take() {
			None => {
				let footprint = Footprint { count: items, size: bytes };
				(footprint, C::new(who, footprint)?)
			}
			Some(StorageDeposit { footprint, ticket }) => {
				let footprint = Footprint {
					count: footprint.count.saturating_add(items),
					size: footprint.size.saturating_add(bytes),
				};
				(footprint, ticket.update(who, footprint)?)
			}
		};
		*held = Some(StorageDeposit { footprint, ticket });
		Ok(())
	})
}

/// Shrinks `who`'s footprint in the ledger `M` by `items` items of `bytes` bytes and releases
/// the deposit that no longer backs anything; the ledger entry goes when nothing is left.
/// Items stored before deposits existed have no footprint behind them: releasing more than is
/// recorded stops at zero.
pub fn release<A, C, M>(who: &A, items: u64, bytes: u64) -> Result<(), DispatchError>
where
	A: FullEncode,
	C: Consideration<A, Footprint>,
	M: StorageMap<A, StorageDeposit<C>, Query = Option<StorageDeposit<C>>>,
{
	M::try_mutate(who, |held| {
		let Some(StorageDeposit { footprint, ticket }) = held.take() else { return Ok(()) };
		let footprint = Footprint {
			count: footprint.count.saturating_sub(items),
			size: footprint.size.saturating_sub(bytes),
		};
		if footprint.count == 0 {
			ticket.drop(who)?;
		} else {
			*held = Some(StorageDeposit { footprint, ticket: ticket.update(who, footprint)? });
		}
		Ok(())
	})
}

/// The price of a footprint: `PerItem` for each item plus `PerByte` for each byte.
pub struct PerItemAndByte<PerItem, PerByte, Balance>(PhantomData<(PerItem, PerByte, Balance)>);

impl<PerItem, PerByte, Balance> Convert<Footprint, Balance>
	for PerItemAndByte<PerItem, PerByte, Balance>
where
	PerItem: Get<Balance>,
	PerByte: Get<Balance>,
	Balance: From<u64> + Saturating,
{
	fn convert(footprint: Footprint) -> Balance {
		let items = Balance::from(footprint.count).saturating_mul(PerItem::get());
		let bytes = Balance::from(footprint.size).saturating_mul(PerByte::get());
		items.saturating_add(bytes)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::ConstU128;

	type Price = PerItemAndByte<ConstU128<1_000>, ConstU128<3>, u128>;

	#[test]
	fn price_is_per_item_plus_per_byte() {
		assert_eq!(Price::convert(Footprint { count: 0, size: 0 }), 0);
		assert_eq!(Price::convert(Footprint { count: 2, size: 100 }), 2_300);
		assert_eq!(Price::convert(Footprint { count: u64::MAX, size: u64::MAX }), {
			let max = u128::from(u64::MAX);
			max * 1_000 + max * 3
		});
	}
}
