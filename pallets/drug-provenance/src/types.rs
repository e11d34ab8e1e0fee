//! The data the pallet stores.

use super::*;

/// A GS1 code as given in a call, validated by the pallet (up to 32 bytes, so that a wrong length
/// gets its own error instead of failing to decode).
pub type RawCode = BoundedVec<u8, ConstU32<32>>;

/// A step of a unit's custody chain, as the `levels` of a [`TraceCursor`] pointing at it: one
/// history position per nesting level, the unit's first. Every level but the last is the
/// `Packed` entry that put the item into the next level's container; the last is the step.
/// `trace(gtin, serial, None, k).next` points at the chain's step `k`.
pub type CustodyPath = BoundedVec<u32, ConstU32<MAX_TRACE_LEVELS>>;

/// A unit or a container as given in a call, before validation.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ItemCode {
	/// A unit: GTIN-14 and serial.
	Unit {
		/// The GTIN-14 digits.
		gtin: RawCode,
		/// The serial (AI 21).
		serial: RawCode,
	},
	/// A container: SSCC-18 digits.
	Container(RawCode),
}

/// A product, owned by the manufacturer that registered it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct Product<MaxName: Get<u32>> {
	/// The manufacturer.
	pub org: OrgId,
	/// The product's trade name.
	pub name: BoundedVec<u8, MaxName>,
}

/// A lot of a product.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct LotInfo {
	/// The lot's expiry (AI 17).
	pub expiry: Expiry,
	/// When it ends (ms).
	pub expires_at: Moment,
	/// Set by a recall (the hash of the recall notice); the whole lot is recalled at once.
	pub recalled: Option<H256>,
}

/// A serialized unit.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct UnitInfo {
	/// Its lot.
	pub lot: Lot,
	/// Its status.
	pub status: UnitStatus,
	/// The container it was packed into, if any (it follows that container while sealed).
	pub parent: Option<Sscc>,
	/// Its custody while it is in no sealed container.
	pub custody: Custody,
	/// The organisation it last came from by shipment.
	pub last_from: Option<OrgId>,
	/// How many history entries it has.
	pub events: u32,
}

/// A container (case or pallet).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ContainerInfo {
	/// The container it was packed into, if any.
	pub parent: Option<Sscc>,
	/// Opened: what it holds is loose at its holder, and it moves no more.
	pub opened: bool,
	/// Its custody while it is in no sealed container.
	pub custody: Custody,
	/// The organisation it last came from by shipment.
	pub last_from: Option<OrgId>,
	/// Levels below it: 1 for a case of units.
	pub depth: u8,
	/// How many units and containers were packed into it.
	pub children: u32,
	/// How many history entries it has.
	pub events: u32,
	/// The earliest expiry of anything ever packed into it (timestamp, ms), so that shipping
	/// it refuses expired contents without looking inside.
	pub expires_at: Option<Moment>,
}

/// A shipment between trading partners.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxItems))]
pub struct Shipment<MaxItems: Get<u32>> {
	/// The sender.
	pub from: OrgId,
	/// The destination.
	pub to: OrgId,
	/// What it carries (units and top-level containers).
	pub items: BoundedVec<Item, MaxItems>,
	/// Hash of the DSCSA transaction information and statement.
	pub transaction_hash: H256,
	/// Where it stands. Encoded as one byte, 0 and 1 as the former `received: bool`.
	pub state: ShipmentState,
}

/// Where a shipment stands.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ShipmentState {
	/// On the way: its items are in nobody's stock.
	#[codec(index = 0)]
	InTransit,
	/// The destination took custody.
	#[codec(index = 1)]
	Received,
	/// Its sender cancelled it before receipt; its items are back in the sender's stock.
	#[codec(index = 2)]
	Cancelled,
	/// The destination refused it; its items are back in the sender's stock.
	#[codec(index = 3)]
	Refused,
}

/// A history entry: what happened, when, and for a `Packed` entry the container's own history
/// length at that moment (where the unit's trace continues in the container's history).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct HistoryEntry {
	/// What happened.
	pub movement: Movement,
	/// When (ms).
	pub at: Moment,
	/// For `Packed`: the container's history length when the item went in.
	pub container_seq: u32,
}
