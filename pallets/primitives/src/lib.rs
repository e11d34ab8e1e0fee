//! # Medchain primitives
//!
//! The types every Medchain crate agrees on: the chain's basic types (accounts, balances, block
//! numbers, timestamps) and the identifiers that the Medchain pallets hand to each other.
//! Pallets depend on this crate, never on each other; cross-pallet questions ("is this account an
//! active practitioner?") are asked through traits declared here and wired in the runtime.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

extern crate alloc;

pub mod consent;
pub mod consortium;
pub mod deposit;
pub mod identity;
#[cfg(feature = "mock")]
pub mod mock;
pub mod provenance;
pub mod records;
pub mod trials;
pub use consent::*;
pub use consortium::*;
pub use identity::*;
pub use provenance::*;
pub use records::*;
pub use trials::*;

/// An index to a block.
pub type BlockNumber = u32;

/// Signature type of the chain: sr25519 (and ed25519/ecdsa) through `MultiSignature`.
pub type Signature = MultiSignature;

/// An account on the chain: the public key behind [`Signature`] (an `AccountId32`).
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in the chain's smallest unit.
pub type Balance = u128;

/// Transaction index of an account.
pub type Nonce = u32;

/// Hash of a block or of any chain data.
pub type Hash = sp_core::H256;

/// Time in milliseconds since the Unix epoch, as kept by `pallet_timestamp`. Validity windows use it.
pub type Moment = u64;

/// A member organisation of the consortium, numbered in order of registration.
pub type OrgId = u32;

/// A patient's pseudonymous id: opaque 32 bytes chosen by the registering client, never derived
/// from anything that identifies the person.
pub type PatientId = sp_core::H256;

/// Counter ids of the Medchain pallets' objects.
pub type ConsentId = u64;
/// Counter id of an anchored record.
pub type RecordId = u64;
/// Counter id of an anchored batch of record hashes.
pub type BatchId = u64;
/// Counter id of a drug shipment.
pub type ShipmentId = u64;
/// Counter id of a consent request.
pub type RequestId = u64;
/// Counter id of an emergency (break-glass) access.
pub type EmergencyAccessId = u64;

/// Number of milliseconds in common time spans, for configuring windows in [`Moment`] units.
/// A chain-assigned id as a storage key whose bytes sort like the id (big-endian), so that an
/// index under the `Identity` hasher iterates in id order and a page can start at any id. Ids are
/// counters, never chosen by callers, so the unhashed key is safe.
pub fn ordered(id: u64) -> [u8; 8] {
	id.to_be_bytes()
}

pub mod time {
	use super::Moment;

	/// One second.
	pub const SECOND: Moment = 1_000;
	/// One minute.
	pub const MINUTE: Moment = 60 * SECOND;
	/// One hour.
	pub const HOUR: Moment = 60 * MINUTE;
	/// One day.
	pub const DAY: Moment = 24 * HOUR;
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::{Encode, MaxEncodedLen};

	#[test]
	fn account_id_is_32_bytes() {
		let account = AccountId::new([7u8; 32]);
		assert_eq!(account.encode().len(), 32);
		assert_eq!(AccountId::max_encoded_len(), 32);
	}

	#[test]
	fn time_constants_are_consistent() {
		assert_eq!(time::DAY, 86_400_000);
		assert_eq!(time::HOUR * 24, time::DAY);
	}
}
