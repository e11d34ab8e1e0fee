//! # Drug provenance
//!
//! DSCSA / GS1 EPCIS track and trace of serialized medicine packs, from the factory to the
//! patient, between trading partners that are active consortium organisations.
//!
//! ## Overview
//!
//! - Manufacturers register products (GTIN-14) and commission serialized units (GTIN + serial,
//!   with lot and expiry) — at least 1,000 per call; a serial is unique per GTIN forever.
//! - Units and containers are packed into containers (SSCC-18; nesting up to `MaxDepth`).
//!   A unit inside a sealed container moves with it and cannot be shipped, dispensed or packed on
//!   its own. `unpack` opens a container at constant cost: what it held becomes loose at its
//!   holder and is detached on its own next move.
//! - `ship` hands units and top-level containers to another trading partner; until the
//!   destination `receive`s them they are in transit, in nobody's stock. A container moves with
//!   everything in it at **O(1)**: custody is stored on the top-level container only, and a
//!   unit's holder is resolved through its containers.
//! - `dispense`, `decommission`, `return_unit` (a saleable return to the wholesaler it came from,
//!   as a shipment the wholesaler receives after verifying it), `recall_lot` (**O(1)** for the
//!   whole lot: the lot carries the flag), `report_suspect` (quarantine) and `resolve_suspect`.
//! - Every GS1 input is validated: GTIN-14 and SSCC-18 check digits, serial and lot (set 82, 1–20
//!   characters), expiry (real month and day, day 00 = month end); each failure has its own error.
//!   Expired product cannot be shipped or dispensed (the chain's timestamp decides).
//!
//! - GS1 company prefixes belong to organisations (assigned by governance in the consortium
//!   directory): a GTIN is registered, and a new SSCC packed, only under the caller's own prefix.
//!   Governance can reassign or revoke a product.
//! - A history entry is a move (capped at `MaxHistory`) or a status change (never refused for a
//!   long history); a shipment can be cancelled by its sender or refused by its destination, so
//!   nothing stays in transit forever.
//! - Suspect and illegitimate units quarantine the sealed containers holding them (a count per
//!   container, kept along the nesting), which then neither ship nor are received.
//! - Each container keeps the set of lots it holds (at most `MaxLotsPerContainer`), so a recall
//!   or a product revocation made after packing stops the sealed containers holding the lot at
//!   O(lots), whatever the number of units.
//! - An earlier custodian reports a unit suspect by naming the step of its custody chain where
//!   it held the unit, checked at O(`MaxDepth`).
//!
//! Organisations act through their practitioners (staff accounts registered by the admin) and
//! their admin.
//!
//! ## Deposits
//!
//! Everything here is written by practitioners of trading partners (and regulators), never by
//! a patient, so there is no free call: the signer of each call that stores something holds a
//! storage deposit (`Config::Deposit`, ledger [`Deposits`]) for every product, lot, unit,
//! container, shipment and history entry it creates (see the `deposits` module for each item's
//! size). Nothing here is ever removed, so the deposits stay held.
//!
//! ## Interface
//!
//! Dispatchable functions: [`Pallet::register_product`], [`Pallet::commission_units`],
//! [`Pallet::pack`], [`Pallet::unpack`], [`Pallet::ship`], [`Pallet::receive`],
//! [`Pallet::dispense`], [`Pallet::decommission`], [`Pallet::recall_lot`],
//! [`Pallet::report_suspect`], [`Pallet::resolve_suspect`], [`Pallet::return_unit`],
//! [`Pallet::cancel_shipment`], [`Pallet::refuse_shipment`], [`Pallet::reassign_product`],
//! [`Pallet::revoke_product`].
//! Runtime API `ProvenanceApi`: [`Pallet::verify_unit`], [`Pallet::trace`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deposits;
mod history;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod trace;
#[cfg(any(test, feature = "try-runtime"))]
mod try_state;
mod types;
pub mod weights;

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::*;
use history::{EntryKind, Journal};
use medchain_primitives::deposit::{self, StorageDeposit};
pub use medchain_primitives::{
	gs1, ConsortiumDirectory, Custody, DecommissionReason, Expiry, Gs1Error, Gtin, Item, Lot,
	Moment, Movement, OrgId, OrgKind, Serial, ShipmentId, Sscc, TraceCursor, TracePage, TraceStep,
	UnitStatus, UnitVerification, MAX_TRACE_LEVELS, MAX_TRACE_PAGE,
};
use sp_core::{ConstU32, H256};

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// A product of runtime `T`.
pub type ProductOf<T> = Product<<T as Config>::MaxNameLength>;
/// A shipment of runtime `T`.
pub type ShipmentOf<T> = Shipment<<T as Config>::MaxItemsPerCall>;
/// The lots a container of runtime `T` holds: sorted (GTIN, lot) pairs, each once.
pub type LotSetOf<T> = BoundedVec<(Gtin, Lot), <T as Config>::MaxLotsPerContainer>;

/// Organisations that trade: they pack, ship, receive.
pub const TRADING_PARTNERS: [OrgKind; 5] = [
	OrgKind::Manufacturer,
	OrgKind::Wholesaler,
	OrgKind::Pharmacy,
	OrgKind::Hospital,
	OrgKind::Clinic,
];
/// Organisations that dispense to patients.
pub const DISPENSERS: [OrgKind; 3] = [OrgKind::Pharmacy, OrgKind::Hospital, OrgKind::Clinic];

// FRAME's generated storage and error metadata code calls `expect` on values it built itself;
// the allowance covers only that lint (the other panic lints stay denied).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The consortium directory: which organisation, of which kind, an account acts for,
		/// and which organisation each GS1 company prefix is assigned to.
		type Directory: ConsortiumDirectory<Self::AccountId>;

		/// The chain's clock (milliseconds), against which expiry is checked.
		type Time: Time<Moment = Moment>;

		/// The origin that reassigns and revokes products (governance: root, or the council).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Longest product name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most serials one `commission_units` takes (at least 1,000).
		#[pallet::constant]
		type MaxSerialsPerCall: Get<u32>;

		/// Most items one `pack` or `ship` takes.
		#[pallet::constant]
		type MaxItemsPerCall: Get<u32>;

		/// Deepest nesting of containers (a pallet of cases of units is 2).
		#[pallet::constant]
		type MaxDepth: Get<u8>;

		/// Most history entries a unit or container may reach by moving (packing, shipping,
		/// being taken out of an opened container). Status changes (receipt, a shipment's
		/// cancellation or refusal, suspect reports and rulings, dispensing, decommissioning,
		/// opening) are always recorded, past this bound if need be: a long history never
		/// stops them.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// The deposit held from an account for what it keeps in this pallet's storage
		/// (a `Consideration` over the item count and bytes; see docs/economics.md).
		type Deposit: Consideration<Self::AccountId, Footprint>;

		/// Most distinct lots (GTIN and lot number) one container may hold, its sub-containers'
		/// included. Shipping or receiving a sealed container checks each of them for a recall
		/// and each product for a revocation, so this bounds that cost whatever the number of
		/// units; packing more lots into a container is refused (`TooManyLots`).
		#[pallet::constant]
		type MaxLotsPerContainer: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// A reason for this pallet placing a hold on funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit for items an account keeps in this pallet.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// Products by GTIN.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Blake2_128Concat, Gtin, ProductOf<T>, OptionQuery>;

	/// Products withdrawn by governance: none of their units may be commissioned, packed,
	/// shipped or dispensed any more, and every one of them verifies `Recalled`.
	#[pallet::storage]
	pub type RevokedProducts<T: Config> = StorageMap<_, Blake2_128Concat, Gtin, (), OptionQuery>;

	/// Lots by GTIN and lot number.
	#[pallet::storage]
	pub type Lots<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Gtin, Blake2_128Concat, Lot, LotInfo, OptionQuery>;

	/// Serialized units by GTIN and serial.
	#[pallet::storage]
	pub type Units<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Gtin,
		Blake2_128Concat,
		Serial,
		UnitInfo,
		OptionQuery,
	>;

	/// Containers by SSCC.
	#[pallet::storage]
	pub type Containers<T: Config> =
		StorageMap<_, Blake2_128Concat, Sscc, ContainerInfo, OptionQuery>;

	/// Per container, how many of the units and containers directly in it are flagged: a unit
	/// that is suspect or illegitimate, or a container whose own count is not zero. A sealed
	/// container with a count neither ships, nor is received, nor is packed. Kept up to date
	/// when a unit's status changes (along its containers, at most `MaxDepth` of them); absent
	/// means zero.
	#[pallet::storage]
	pub type FlaggedContents<T: Config> = StorageMap<_, Blake2_128Concat, Sscc, u32, OptionQuery>;

	/// Per container, the lots (GTIN and lot number, sorted, each once) of everything ever
	/// packed into it, its sub-containers' lots included, so that shipping or receiving it
	/// checks recalls and revocations made after packing at O(lots), whatever it holds. Units
	/// leave a container only when it is opened, after which it moves no more, so the set of a
	/// sealed container is exactly the lots it holds. Written by `pack` for every container it
	/// seals; a sealed container without one predates the record and cannot move
	/// (`ContainerLotsUnknown`) until it is opened and packed again.
	#[pallet::storage]
	pub type ContainerLots<T: Config> =
		StorageMap<_, Blake2_128Concat, Sscc, LotSetOf<T>, ValueQuery>;

	/// The id the next shipment receives.
	#[pallet::storage]
	pub type NextShipmentId<T: Config> = StorageValue<_, ShipmentId, ValueQuery>;

	/// Shipments by id.
	#[pallet::storage]
	pub type Shipments<T: Config> =
		StorageMap<_, Twox64Concat, ShipmentId, ShipmentOf<T>, OptionQuery>;

	/// Each unit's and container's history, in order.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Item, Twox64Concat, u32, HistoryEntry, OptionQuery>;

	/// Per account: what it keeps in this pallet's storage and the deposit held for it.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StorageDeposit<T::Deposit>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A manufacturer `org` registered a product, through its account `by`.
		ProductRegistered { gtin: Gtin, org: OrgId, by: T::AccountId },
		/// Units were commissioned (EPCIS ObjectEvent, action ADD, bizStep commissioning) by
		/// the manufacturer's account `by`.
		UnitsCommissioned { gtin: Gtin, lot: Lot, count: u32, by: T::AccountId },
		/// Items were packed into a container (EPCIS AggregationEvent, action ADD, bizStep
		/// packing) by `org`, through its account `by`.
		Packed { sscc: Sscc, items: u32, org: OrgId, by: T::AccountId },
		/// A container was opened (EPCIS AggregationEvent, action DELETE, bizStep unpacking) by
		/// `org`, through its account `by`.
		Unpacked { sscc: Sscc, org: OrgId, by: T::AccountId },
		/// Items left `from` for `to` (EPCIS TransactionEvent ADD + ObjectEvent bizStep
		/// shipping); `by` is the sender's account that shipped them.
		Shipped { shipment: ShipmentId, from: OrgId, to: OrgId, by: T::AccountId },
		/// The destination `org` took custody (EPCIS ObjectEvent bizStep receiving), through
		/// its account `by`.
		Received { shipment: ShipmentId, org: OrgId, by: T::AccountId },
		/// A unit was dispensed (EPCIS ObjectEvent bizStep dispensing, disposition dispensed) by
		/// `org`, through its account `by`.
		Dispensed { gtin: Gtin, serial: Serial, org: OrgId, by: T::AccountId },
		/// A unit was decommissioned (EPCIS ObjectEvent action DELETE, bizStep decommissioning)
		/// by `org`, through its account `by`.
		Decommissioned {
			gtin: Gtin,
			serial: Serial,
			reason: DecommissionReason,
			org: OrgId,
			by: T::AccountId,
		},
		/// A whole lot was recalled (EPCIS ObjectEvent disposition recalled) by `org`, through
		/// its account `by`.
		LotRecalled { gtin: Gtin, lot: Lot, org: OrgId, by: T::AccountId, reason_hash: H256 },
		/// A unit was reported suspect and quarantined (disposition non_sellable_other) by
		/// `org`, through its account `by`.
		SuspectReported {
			gtin: Gtin,
			serial: Serial,
			org: OrgId,
			by: T::AccountId,
			reason_hash: H256,
		},
		/// A suspect report was resolved: cleared, or illegitimate (terminal), by `org`, through
		/// its account `by`.
		SuspectResolved {
			gtin: Gtin,
			serial: Serial,
			illegitimate: bool,
			org: OrgId,
			by: T::AccountId,
		},
		/// A dispenser sent a saleable return back to its wholesaler (EPCIS bizStep returning);
		/// `by` is the dispenser's account that sent it.
		Returned {
			gtin: Gtin,
			serial: Serial,
			shipment: ShipmentId,
			from: OrgId,
			to: OrgId,
			by: T::AccountId,
		},
		/// Governance gave a product to another manufacturer (`from` was its owner).
		ProductReassigned { gtin: Gtin, from: OrgId, to: OrgId },
		/// Governance withdrew a product; `org` was its owner.
		ProductRevoked { gtin: Gtin, org: OrgId },
		/// The sender `org` (through its account `by`) cancelled a shipment before receipt;
		/// its items are back in the sender's stock.
		ShipmentCancelled { shipment: ShipmentId, org: OrgId, by: T::AccountId },
		/// The destination `org` (through its account `by`) refused a shipment; its items are
		/// back in the sender's stock.
		ShipmentRefused { shipment: ShipmentId, org: OrgId, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A GTIN is not 14 digits.
		InvalidGtin,
		/// A GTIN's check digit is wrong.
		InvalidGtinCheckDigit,
		/// An SSCC is not 18 digits.
		InvalidSscc,
		/// An SSCC's check digit is wrong.
		InvalidSsccCheckDigit,
		/// A serial is not 1 to 20 characters of the GS1 set 82.
		InvalidSerial,
		/// A lot is not 1 to 20 characters of the GS1 set 82.
		InvalidLot,
		/// An expiry is not six digits YYMMDD.
		InvalidExpiry,
		/// An expiry's month or day does not exist.
		InvalidExpiryDate,
		/// The caller is neither a practitioner nor the admin of an active trading partner.
		NotTradingPartner,
		/// Only a manufacturer registers products, or is given one.
		NotManufacturer,
		/// The product name is empty.
		EmptyName,
		/// The product is registered already.
		ProductAlreadyRegistered,
		/// No product has this GTIN.
		ProductNotFound,
		/// Only the product's manufacturer may do this.
		NotProductOwner,
		/// No serials were given.
		EmptySerials,
		/// The serial is already used for this GTIN (serials are unique forever).
		SerialAlreadyCommissioned,
		/// The lot exists with another expiry.
		LotExpiryMismatch,
		/// The product is past its expiry.
		ProductExpired,
		/// No unit has this GTIN and serial.
		UnitNotFound,
		/// No container has this SSCC.
		ContainerNotFound,
		/// No lot of this product has this number.
		LotNotFound,
		/// The unit is inside a sealed container: it moves only with it.
		ItemInContainer,
		/// The caller's organisation does not hold it.
		NotHolder,
		/// It is in transit.
		InTransit,
		/// The container has been opened; it moves no more.
		ContainerOpened,
		/// A container cannot be packed into itself.
		PackIntoItself,
		/// Packing would nest containers deeper than `MaxDepth`.
		NestingTooDeep,
		/// No items were given.
		EmptyItems,
		/// The same item is listed twice.
		DuplicateItem,
		/// The destination is not an active trading partner.
		InvalidDestination,
		/// A shipment to one's own organisation.
		ShipToSelf,
		/// No shipment has this id.
		ShipmentNotFound,
		/// Only the destination organisation receives or refuses a shipment.
		NotDestination,
		/// The shipment was received already.
		AlreadyReceived,
		/// Only a pharmacy, hospital or clinic dispenses.
		NotDispenser,
		/// The unit's lot is recalled.
		LotRecalled,
		/// The lot is recalled already.
		AlreadyRecalled,
		/// Only the product's manufacturer or a regulator may do this.
		NotManufacturerOrRegulator,
		/// The unit is quarantined as suspect.
		UnitSuspect,
		/// The unit is not under a suspect report.
		UnitNotSuspect,
		/// The unit is not in the supply chain any more (dispensed, decommissioned or
		/// illegitimate).
		UnitInactive,
		/// The unit did not come to this organisation from a wholesaler.
		NoWholesalerToReturnTo,
		/// The unit or container has `MaxHistory` entries; it can make no more moves (status
		/// changes are still recorded).
		HistoryTooLong,
		/// Every shipment id has been used.
		IdsExhausted,
		/// The signer cannot hold the storage deposit for what the call would store.
		DepositUnavailable,
		/// The GTIN's or SSCC's GS1 company prefix is not assigned to the caller's
		/// organisation.
		NotCompanyPrefixOwner,
		/// The product was revoked by governance.
		ProductRevoked,
		/// The product is revoked already.
		AlreadyRevoked,
		/// The product belongs to that manufacturer already.
		AlreadyProductOwner,
		/// The same serial is listed twice.
		DuplicateSerial,
		/// Only a regulator, the product's manufacturer, or an organisation in the unit's
		/// custody chain (its holder, the sender or destination of the shipment it is in, the
		/// partner it last came from, or an earlier custodian at the step its `held_at` names)
		/// may report it suspect.
		NotRelatedToUnit,
		/// The custody path names no step of the unit's custody chain.
		InvalidCustodyPath,
		/// The container holds suspect or illegitimate units: it cannot be shipped, received or
		/// packed until they are ruled on (or it is opened and they are left out).
		ContainerQuarantined,
		/// Only the sender cancels a shipment.
		NotSender,
		/// Packing would put more than `MaxLotsPerContainer` distinct lots (GTIN and lot
		/// number) into the container, its sub-containers' included.
		TooManyLots,
		/// The sealed container was packed before containers recorded the lots they hold (by an
		/// earlier runtime), so its recalls cannot be checked: it cannot ship, be received, be
		/// packed into another or take more items until it is opened and its contents packed
		/// again.
		ContainerLotsUnknown,
		/// The shipment was cancelled or refused; it is closed.
		ShipmentClosed,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxSerialsPerCall::get() >= 1_000,
				"commissioning takes at least 1,000 serials"
			);
			assert!(T::MaxDepth::get() >= 1, "containers must hold something");
			assert!(T::MaxHistory::get() >= 8, "a unit needs room for its journey");
			assert!(T::MaxLotsPerContainer::get() >= 1, "a container holds at least one lot");
			assert!(
				Self::trace_levels() <= MAX_TRACE_LEVELS as usize,
				"a trace cursor must have room for every nesting level"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register a product, owned by the caller's manufacturer.
		///
		/// - Origin: a practitioner or the admin of an active Manufacturer.
		/// - `gtin`: GTIN-14 digits whose GS1 company prefix (the digits after the indicator
		///   digit) is assigned to the caller's organisation; `name`: 1 to `MaxNameLength` bytes.
		///
		/// Deposit: the signer holds one for the product.
		///
		/// Emits `ProductRegistered`. Complexity: O(1).
		#[pallet::call_index(0)]
		pub fn register_product(
			origin: OriginFor<T>,
			gtin: RawCode,
			name: BoundedVec<u8, T::MaxNameLength>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let gtin = Self::gtin(&gtin)?;
			let (org, kind) = Self::partner(&who)?;
			ensure!(kind == OrgKind::Manufacturer, Error::<T>::NotManufacturer);
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			ensure!(Self::gtin_prefix_owner(&gtin) == Some(org), Error::<T>::NotCompanyPrefixOwner);
			ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductAlreadyRegistered);
			Self::hold_deposit(&who, 1, Self::product_bytes())?;
			Products::<T>::insert(gtin, Product { org, name });
			Self::deposit_event(Event::ProductRegistered { gtin, org, by: who });
			Ok(())
		}

		/// Commission serialized units of one lot.
		///
		/// - Origin: a practitioner or the admin of the product's manufacturer.
		/// - `lot`, `expiry`: AI 10 and AI 17 (a lot keeps one expiry; it must not have passed,
		///   and the lot must not be recalled); `serials`: AI 21, up to `MaxSerialsPerCall`,
		///   each new for this GTIN and listed once.
		///
		/// Every input is checked before anything is written. Deposit: the signer holds one for
		/// each unit (with its first history entry) and for the lot if it is new, in one ledger
		/// update.
		///
		/// Emits `UnitsCommissioned`. Complexity: O(serials).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::commission_units(serials.len() as u32))]
		pub fn commission_units(
			origin: OriginFor<T>,
			gtin: RawCode,
			lot: RawCode,
			expiry: RawCode,
			serials: BoundedVec<RawCode, T::MaxSerialsPerCall>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let gtin = Self::gtin(&gtin)?;
			let lot = gs1::lot(&lot).map_err(Self::gs1_error)?;
			let (expiry, expires_at) = gs1::expiry(&expiry).map_err(Self::gs1_error)?;
			ensure!(!serials.is_empty(), Error::<T>::EmptySerials);
			let (org, _) = Self::partner(&who)?;
			let product = Products::<T>::get(gtin).ok_or(Error::<T>::ProductNotFound)?;
			ensure!(product.org == org, Error::<T>::NotProductOwner);
			ensure!(!RevokedProducts::<T>::contains_key(gtin), Error::<T>::ProductRevoked);
			let now = T::Time::now();
			ensure!(now < expires_at, Error::<T>::ProductExpired);
			let new_lot = match Lots::<T>::get(gtin, &lot) {
				Some(existing) => {
					ensure!(existing.expiry == expiry, Error::<T>::LotExpiryMismatch);
					ensure!(existing.recalled.is_none(), Error::<T>::LotRecalled);
					false
				}
				None => true,
			};
			let serials = serials
				.iter()
				.map(|raw| gs1::serial(raw).map_err(Self::gs1_error))
				.collect::<Result<Vec<_>, _>>()?;
			let mut sorted: Vec<&Serial> = serials.iter().collect();
			sorted.sort();
			ensure!(
				!sorted.windows(2).any(|w| matches!(w, [a, b] if a == b)),
				Error::<T>::DuplicateSerial
			);
			for serial in &serials {
				ensure!(
					!Units::<T>::contains_key(gtin, serial),
					Error::<T>::SerialAlreadyCommissioned
				);
			}
			let count = serials.len() as u64;
			let (lots, lot_bytes) = if new_lot { (1, Self::lot_bytes()) } else { (0, 0) };
			Self::hold_deposit(
				&who,
				count.saturating_add(lots),
				count.saturating_mul(Self::unit_bytes()).saturating_add(lot_bytes),
			)?;
			if new_lot {
				Lots::<T>::insert(gtin, &lot, LotInfo { expiry, expires_at, recalled: None });
			}
			for serial in &serials {
				let node = Item::Unit { gtin, serial: serial.clone() };
				History::<T>::insert(
					&node,
					0,
					HistoryEntry {
						movement: Movement::Commissioned { org },
						at: now,
						container_seq: 0,
					},
				);
				Units::<T>::insert(
					gtin,
					serial,
					UnitInfo {
						lot: lot.clone(),
						status: UnitStatus::Active,
						parent: None,
						custody: Custody::Held(org),
						last_from: None,
						events: 1,
					},
				);
			}
			Self::deposit_event(Event::UnitsCommissioned {
				gtin,
				lot,
				count: serials.len() as u32,
				by: who,
			});
			Ok(())
		}

		/// Pack units and containers into a container (created on first use), held by the
		/// caller's organisation.
		///
		/// - Origin: a practitioner or the admin of an active trading partner holding every
		///   item.
		/// - `sscc`: the container (SSCC-18): new, of a GS1 company prefix (the digits after the
		///   extension digit) assigned to the caller's organisation; or existing, sealed,
		///   top-level, held by the caller and holding no suspect or illegitimate unit.
		/// - `items`: loose saleable units and top-level sealed containers held by the caller,
		///   none holding suspect or illegitimate units. Their lots join the container's lot
		///   set, which holds at most `MaxLotsPerContainer` lots (`TooManyLots`). A container
		///   packed whole is not checked for recalls here: the container it goes into then
		///   neither ships nor is received while any of its lots is recalled.
		///
		/// Every item is checked before anything is written. Deposit: the signer holds one for
		/// a new container (with its first history entry) and for every history entry appended
		/// (`Packed`, and `Unpacked` for what is taken out of an opened container).
		///
		/// Emits `Packed`. Complexity: O(items), and O(`MaxLotsPerContainer`) per case packed
		/// (its lot set merged).
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::pack(items.len() as u32).max(T::WeightInfo::pack_cases(items.len() as u32))
		)]
		pub fn pack(
			origin: OriginFor<T>,
			sscc: RawCode,
			items: BoundedVec<ItemCode, T::MaxItemsPerCall>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let sscc = gs1::sscc(&sscc).map_err(Self::gs1_error)?;
			let items = Self::items(&items)?;
			let (org, _) = Self::partner(&who)?;
			let now = T::Time::now();
			let mut journal = Journal::default();
			let target_item = Item::Container(sscc);
			let existing = Containers::<T>::get(sscc);
			let new_container = existing.is_none();
			let mut target = match existing {
				Some(mut c) => {
					ensure!(!c.opened, Error::<T>::ContainerOpened);
					ensure!(!Self::is_quarantined(&sscc), Error::<T>::ContainerQuarantined);
					// A sealed case lying loose in an opened pallet is detached from it first.
					Self::take_container_loose(
						&target_item,
						&mut c,
						org,
						now,
						&mut journal,
						EntryKind::Move,
					)?;
					c
				}
				None => {
					ensure!(
						Self::sscc_prefix_owner(&sscc) == Some(org),
						Error::<T>::NotCompanyPrefixOwner
					);
					ContainerInfo {
						parent: None,
						opened: false,
						custody: Custody::Held(org),
						last_from: None,
						depth: 1,
						children: 0,
						events: 0,
						expires_at: None,
					}
				}
			};
			if target.events == 0 {
				journal.note::<T>(
					&target_item,
					&mut target.events,
					Movement::Commissioned { org },
					now,
					0,
					EntryKind::Move,
				)?;
			}
			let mut lots = if new_container {
				LotSetOf::<T>::default()
			} else {
				ContainerLots::<T>::try_get(sscc).map_err(|_| Error::<T>::ContainerLotsUnknown)?
			};
			let mut staged = Vec::with_capacity(items.len());
			for item in &items {
				staged.push(Self::stage_packing(
					item,
					sscc,
					&mut target,
					&mut lots,
					org,
					now,
					&mut journal,
				)?);
			}
			// A new container's first entry is paid with the container.
			let (containers, container_bytes, entries) = if new_container {
				(1, Self::container_bytes(), journal.len().saturating_sub(1))
			} else {
				(0, 0, journal.len())
			};
			let entries = u64::from(entries);
			Self::hold_deposit(
				&who,
				entries.saturating_add(containers),
				entries.saturating_mul(Self::history_entry_bytes()).saturating_add(container_bytes),
			)?;
			journal.write::<T>();
			for s in staged {
				s.write::<T>();
			}
			target.children = target.children.saturating_add(items.len() as u32);
			Containers::<T>::insert(sscc, target);
			ContainerLots::<T>::insert(sscc, lots);
			Self::deposit_event(Event::Packed { sscc, items: items.len() as u32, org, by: who });
			Ok(())
		}

		/// Open a container: what it holds becomes loose at its holder (each item is detached
		/// on its own next move), and the container moves no more.
		///
		/// - Origin: a practitioner or the admin of the organisation holding the (top-level,
		///   sealed) container.
		///
		/// Opening is a status change: a long history never stops it. Deposit: the signer
		/// holds one for the `Opened` entry (and an `Unpacked` one if the container lay in an
		/// opened container). The container stays stored, opened.
		///
		/// Emits `Unpacked`. Complexity: O(1), whatever the container holds.
		#[pallet::call_index(3)]
		pub fn unpack(origin: OriginFor<T>, sscc: RawCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let sscc = gs1::sscc(&sscc).map_err(Self::gs1_error)?;
			let (org, _) = Self::partner(&who)?;
			let mut c = Containers::<T>::get(sscc).ok_or(Error::<T>::ContainerNotFound)?;
			ensure!(!c.opened, Error::<T>::ContainerOpened);
			let now = T::Time::now();
			let item = Item::Container(sscc);
			let mut journal = Journal::default();
			let left = Self::take_container_loose(
				&item,
				&mut c,
				org,
				now,
				&mut journal,
				EntryKind::Status,
			)?;
			c.opened = true;
			journal.note::<T>(&item, &mut c.events, Movement::Opened, now, 0, EntryKind::Status)?;
			Self::hold_history_deposit(&who, journal.len())?;
			journal.write::<T>();
			if left.is_some() && Self::is_quarantined(&sscc) {
				// The opened pallet it lay in no longer holds its flagged contents.
				Self::propagate_flag(left, false);
			}
			Containers::<T>::insert(sscc, c);
			Self::deposit_event(Event::Unpacked { sscc, org, by: who });
			Ok(())
		}

		/// Ship units and top-level containers to another trading partner; they are in transit
		/// until the destination receives (or refuses) them, or the sender cancels the
		/// shipment. A container moves with all it holds.
		///
		/// - Origin: a practitioner or the admin of the organisation holding every item.
		/// - `to`: an active trading partner other than the sender.
		/// - `transaction_hash`: hash of the DSCSA transaction information and statement.
		///
		/// Units must be active, unexpired, of a product not revoked and a lot not recalled;
		/// containers sealed, in date, holding no suspect or illegitimate unit, and none of
		/// their lots recalled nor products revoked (checked on the container's lot set,
		/// however late the recall). Every item is checked before anything is written. Deposit: the signer holds one for the shipment
		/// and every history entry appended (`Shipped`, and `Unpacked` for what is taken out of
		/// an opened container).
		///
		/// Emits `Shipped`. Complexity: O(items), and O(`MaxLotsPerContainer`) per container
		/// whatever number of units it holds.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::ship(items.len() as u32).saturating_add(
			Pallet::<T>::lot_checks_weight().saturating_mul(Pallet::<T>::containers_in(items))
		))]
		pub fn ship(
			origin: OriginFor<T>,
			to: OrgId,
			items: BoundedVec<ItemCode, T::MaxItemsPerCall>,
			transaction_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let items = Self::items(&items)?;
			let (from, _) = Self::partner(&who)?;
			ensure!(to != from, Error::<T>::ShipToSelf);
			ensure!(
				T::Directory::active_organization(to)
					.is_some_and(|k| TRADING_PARTNERS.contains(&k)),
				Error::<T>::InvalidDestination
			);
			let shipment = NextShipmentId::<T>::get();
			let next = shipment.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let now = T::Time::now();
			let mut journal = Journal::default();
			let staged = items
				.iter()
				.map(|item| Self::stage_dispatch(item, from, to, shipment, now, &mut journal))
				.collect::<Result<Vec<_>, _>>()?;
			let entries = u64::from(journal.len());
			Self::hold_deposit(
				&who,
				entries.saturating_add(1),
				entries
					.saturating_mul(Self::history_entry_bytes())
					.saturating_add(Self::shipment_bytes()),
			)?;
			NextShipmentId::<T>::put(next);
			journal.write::<T>();
			for s in staged {
				s.write::<T>();
			}
			Shipments::<T>::insert(
				shipment,
				Shipment {
					from,
					to,
					items: BoundedVec::truncate_from(items),
					transaction_hash,
					state: ShipmentState::InTransit,
				},
			);
			Self::deposit_event(Event::Shipped { shipment, from, to, by: who });
			Ok(())
		}

		/// Take custody of a shipment.
		///
		/// - Origin: a practitioner or the admin of the shipment's destination.
		///
		/// A container in it that holds suspect or illegitimate units (`ContainerQuarantined`),
		/// or units of a lot recalled (`LotRecalled`) or a product revoked (`ProductRevoked`)
		/// since it was packed, is not received: the destination refuses the shipment instead.
		/// Receipt is a status change: a long history never stops it. Deposit: the signer holds one for each
		/// item's `Received` entry.
		///
		/// Emits `Received`. Complexity: O(items of the shipment), and O(`MaxLotsPerContainer`)
		/// per container. Charged up front for a full shipment of containers; the difference
		/// to what the shipment holds is refunded.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::receive(T::MaxItemsPerCall::get()).saturating_add(
			Pallet::<T>::lot_checks_weight()
				.saturating_mul(u64::from(T::MaxItemsPerCall::get()))
		))]
		pub fn receive(origin: OriginFor<T>, shipment: ShipmentId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (org, _) = Self::partner(&who)?;
			let mut s = Shipments::<T>::get(shipment).ok_or(Error::<T>::ShipmentNotFound)?;
			ensure!(s.to == org, Error::<T>::NotDestination);
			Self::ensure_in_transit(&s)?;
			let movement = Movement::Received { shipment, by: org };
			let staged = Self::stage_arrival(&s, org, Some(s.from), movement, true)?;
			Self::hold_history_deposit(&who, staged.1.len())?;
			Self::write_arrival(staged);
			s.state = ShipmentState::Received;
			// Charged for what the shipment holds: its items, and the lot checks of its
			// containers only.
			let containers = s.items.iter().filter(|i| matches!(i, Item::Container(_))).count();
			let actual = T::WeightInfo::receive(s.items.len() as u32)
				.saturating_add(Self::lot_checks_weight().saturating_mul(containers as u64));
			Shipments::<T>::insert(shipment, s);
			Self::deposit_event(Event::Received { shipment, org, by: who });
			Ok(Some(actual).into())
		}

		/// Dispense a unit to a patient.
		///
		/// - Origin: a practitioner or the admin of a pharmacy, hospital or clinic holding the
		///   (loose, active, unexpired, not recalled) unit.
		///
		/// Dispensing is a status change: a long history never stops it. Deposit: the signer
		/// holds one for the entries appended (`Dispensed`, and `Unpacked` if the unit lay in an
		/// opened container).
		///
		/// Emits `Dispensed`. Complexity: O(`MaxDepth`).
		#[pallet::call_index(6)]
		pub fn dispense(origin: OriginFor<T>, gtin: RawCode, serial: RawCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let (org, kind) = Self::partner(&who)?;
			ensure!(DISPENSERS.contains(&kind), Error::<T>::NotDispenser);
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnitNotFound)?;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let mut journal = Journal::default();
			Self::take_unit_loose(&item, &mut unit, org, now, &mut journal, EntryKind::Status)?;
			Self::ensure_saleable(&gtin, &unit, now)?;
			unit.status = UnitStatus::Dispensed;
			journal.note::<T>(
				&item,
				&mut unit.events,
				Movement::Dispensed { by: org },
				now,
				0,
				EntryKind::Status,
			)?;
			Self::hold_history_deposit(&who, journal.len())?;
			journal.write::<T>();
			Units::<T>::insert(gtin, &serial, unit);
			Self::deposit_event(Event::Dispensed { gtin, serial, org, by: who });
			Ok(())
		}

		/// Take a unit out of the supply chain.
		///
		/// - Origin: a practitioner or the admin of the organisation holding the (loose,
		///   active) unit. A suspect unit waits for its ruling (`UnitSuspect`).
		///
		/// Decommissioning is a status change: a long history never stops it. Deposit: the
		/// signer holds one for the entries appended (`Decommissioned`, and `Unpacked` if the
		/// unit lay in an opened container).
		///
		/// Emits `Decommissioned`. Complexity: O(`MaxDepth`).
		#[pallet::call_index(7)]
		pub fn decommission(
			origin: OriginFor<T>,
			gtin: RawCode,
			serial: RawCode,
			reason: DecommissionReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let (org, _) = Self::partner(&who)?;
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnitNotFound)?;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let mut journal = Journal::default();
			Self::take_unit_loose(&item, &mut unit, org, now, &mut journal, EntryKind::Status)?;
			ensure!(unit.status == UnitStatus::Active, Self::status_error(unit.status));
			unit.status = UnitStatus::Decommissioned(reason);
			journal.note::<T>(
				&item,
				&mut unit.events,
				Movement::Decommissioned { reason },
				now,
				0,
				EntryKind::Status,
			)?;
			Self::hold_history_deposit(&who, journal.len())?;
			journal.write::<T>();
			Units::<T>::insert(gtin, &serial, unit);
			Self::deposit_event(Event::Decommissioned { gtin, serial, reason, org, by: who });
			Ok(())
		}

		/// Recall a whole lot, at once and at constant cost whatever its size.
		///
		/// - Origin: a practitioner or the admin of the product's manufacturer, or of an active
		///   regulator.
		/// - `reason_hash`: hash of the recall notice.
		///
		/// Emits `LotRecalled`. Complexity: O(1).
		#[pallet::call_index(8)]
		pub fn recall_lot(
			origin: OriginFor<T>,
			gtin: RawCode,
			lot: RawCode,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let gtin = Self::gtin(&gtin)?;
			let lot = gs1::lot(&lot).map_err(Self::gs1_error)?;
			let org = Self::manufacturer_or_regulator(&who, &gtin)?;
			Lots::<T>::try_mutate(gtin, &lot, |l| {
				let l = l.as_mut().ok_or(Error::<T>::LotNotFound)?;
				ensure!(l.recalled.is_none(), Error::<T>::AlreadyRecalled);
				l.recalled = Some(reason_hash);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::LotRecalled { gtin, lot, org, by: who, reason_hash });
			Ok(())
		}

		/// Report a unit as suspect product: it is quarantined (cannot be shipped, packed,
		/// dispensed or decommissioned, nor can any sealed container holding it move) until
		/// resolved.
		///
		/// - Origin: a practitioner or the admin of an active regulator, of the product's
		///   manufacturer, or of a trading partner in the unit's custody chain: its holder, the
		///   sender or destination of the shipment it is in, the partner it last came from, or
		///   an earlier custodian that names where it held the unit (`held_at`).
		/// - `held_at`: for an earlier custodian, the position in the unit's custody chain of a
		///   step where the caller's organisation commissioned, received, shipped or got back
		///   (a cancelled shipment) the unit, as a [`CustodyPath`]: the `levels` of the trace
		///   cursor pointing at that step (`trace(gtin, serial, None, k).next` points at step
		///   `k`). Only that one entry is read, and the `Packed` entries leading to it. `None`
		///   for the others.
		///
		/// A status change: a long history never stops it. Deposit: the signer holds one for
		/// the `ReportedSuspect` entry.
		///
		/// Emits `SuspectReported`. Complexity: O(`MaxDepth`), whatever the length of the
		/// custody chain.
		#[pallet::call_index(9)]
		pub fn report_suspect(
			origin: OriginFor<T>,
			gtin: RawCode,
			serial: RawCode,
			reason_hash: H256,
			held_at: Option<CustodyPath>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let (org, kind) = Self::acting_org(&who)
				.filter(|(_, kind)| TRADING_PARTNERS.contains(kind) || *kind == OrgKind::Regulator)
				.ok_or(Error::<T>::NotTradingPartner)?;
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnitNotFound)?;
			ensure!(unit.status == UnitStatus::Active, Self::status_error(unit.status));
			let related = Self::is_related(org, kind, &gtin, &unit)
				|| match held_at {
					Some(path) => Self::held_at(org, gtin, &serial, path)?,
					None => false,
				};
			ensure!(related, Error::<T>::NotRelatedToUnit);
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let mut journal = Journal::default();
			unit.status = UnitStatus::Suspect;
			journal.note::<T>(
				&item,
				&mut unit.events,
				Movement::ReportedSuspect { by: org },
				now,
				0,
				EntryKind::Status,
			)?;
			Self::hold_history_deposit(&who, journal.len())?;
			journal.write::<T>();
			Self::propagate_flag(unit.parent, true);
			Units::<T>::insert(gtin, &serial, unit);
			Self::deposit_event(Event::SuspectReported { gtin, serial, org, by: who, reason_hash });
			Ok(())
		}

		/// Resolve a suspect report: clear the unit, or find it illegitimate (terminal).
		///
		/// - Origin: a practitioner or the admin of the product's manufacturer, or of an active
		///   regulator.
		///
		/// A status change: a long history never stops it. Deposit: the signer holds one for
		/// the `Resolved` entry.
		///
		/// Emits `SuspectResolved`. Complexity: O(`MaxDepth`).
		#[pallet::call_index(10)]
		pub fn resolve_suspect(
			origin: OriginFor<T>,
			gtin: RawCode,
			serial: RawCode,
			illegitimate: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let org = Self::manufacturer_or_regulator(&who, &gtin)?;
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnitNotFound)?;
			ensure!(unit.status == UnitStatus::Suspect, Error::<T>::UnitNotSuspect);
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let mut journal = Journal::default();
			unit.status = if illegitimate { UnitStatus::Illegitimate } else { UnitStatus::Active };
			journal.note::<T>(
				&item,
				&mut unit.events,
				Movement::Resolved { illegitimate },
				now,
				0,
				EntryKind::Status,
			)?;
			Self::hold_history_deposit(&who, journal.len())?;
			journal.write::<T>();
			if !illegitimate {
				Self::propagate_flag(unit.parent, false);
			}
			Units::<T>::insert(gtin, &serial, unit);
			Self::deposit_event(Event::SuspectResolved {
				gtin,
				serial,
				illegitimate,
				org,
				by: who,
			});
			Ok(())
		}

		/// Send a saleable unit back to the wholesaler it came from, as a shipment the
		/// wholesaler verifies and receives before restocking.
		///
		/// - Origin: a practitioner or the admin of the dispenser holding the (loose, active,
		///   unexpired, not recalled) unit, which came to it from a wholesaler.
		///
		/// Deposit: the signer holds one for the shipment and the entries appended (`Shipped`,
		/// and `Unpacked` if the unit lay in an opened container).
		///
		/// Emits `Returned` and `Shipped`. Complexity: O(`MaxDepth`).
		#[pallet::call_index(11)]
		pub fn return_unit(origin: OriginFor<T>, gtin: RawCode, serial: RawCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let (org, kind) = Self::partner(&who)?;
			ensure!(DISPENSERS.contains(&kind), Error::<T>::NotDispenser);
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnitNotFound)?;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let mut journal = Journal::default();
			Self::take_unit_loose(&item, &mut unit, org, now, &mut journal, EntryKind::Move)?;
			Self::ensure_saleable(&gtin, &unit, now)?;
			let to = unit
				.last_from
				.filter(|from| {
					T::Directory::active_organization(*from) == Some(OrgKind::Wholesaler)
				})
				.ok_or(Error::<T>::NoWholesalerToReturnTo)?;
			let shipment = NextShipmentId::<T>::get();
			let next = shipment.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			unit.custody = Custody::InTransit(shipment);
			journal.note::<T>(
				&item,
				&mut unit.events,
				Movement::Shipped { shipment, from: org, to },
				now,
				0,
				EntryKind::Move,
			)?;
			let entries = u64::from(journal.len());
			Self::hold_deposit(
				&who,
				entries.saturating_add(1),
				entries
					.saturating_mul(Self::history_entry_bytes())
					.saturating_add(Self::shipment_bytes()),
			)?;
			NextShipmentId::<T>::put(next);
			journal.write::<T>();
			Units::<T>::insert(gtin, &serial, unit);
			Shipments::<T>::insert(
				shipment,
				Shipment {
					from: org,
					to,
					items: BoundedVec::truncate_from(alloc::vec![item]),
					transaction_hash: H256::zero(),
					state: ShipmentState::InTransit,
				},
			);
			Self::deposit_event(Event::Returned {
				gtin,
				serial,
				shipment,
				from: org,
				to,
				by: who.clone(),
			});
			Self::deposit_event(Event::Shipped { shipment, from: org, to, by: who });
			Ok(())
		}

		/// Cancel a shipment before its destination receives it: its items are back in the
		/// sender's stock, as before it left.
		///
		/// - Origin: a practitioner or the admin of the sender.
		///
		/// A status change: a long history never stops it. Deposit: the signer holds one for
		/// each item's `ShipmentCancelled` entry.
		///
		/// Emits `ShipmentCancelled`. Complexity: O(items of the shipment).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::cancel_shipment(T::MaxItemsPerCall::get()))]
		pub fn cancel_shipment(origin: OriginFor<T>, shipment: ShipmentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::return_to_sender(&who, shipment, ShipmentState::Cancelled)?;
			Self::deposit_event(Event::ShipmentCancelled { shipment, org, by: who });
			Ok(())
		}

		/// Refuse a shipment instead of receiving it: its items go back to the sender's stock.
		///
		/// - Origin: a practitioner or the admin of the shipment's destination.
		///
		/// A status change: a long history never stops it. Deposit: the signer holds one for
		/// each item's `ShipmentRefused` entry.
		///
		/// Emits `ShipmentRefused`. Complexity: O(items of the shipment).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::refuse_shipment(T::MaxItemsPerCall::get()))]
		pub fn refuse_shipment(origin: OriginFor<T>, shipment: ShipmentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::return_to_sender(&who, shipment, ShipmentState::Refused)?;
			Self::deposit_event(Event::ShipmentRefused { shipment, org, by: who });
			Ok(())
		}

		/// Give a product to another manufacturer (e.g. a GTIN registered under a company
		/// prefix that was not its registrant's, or a product sold to another company). Its
		/// lots and units stay as they are; the new owner commissions, recalls and rules on
		/// them from now on.
		///
		/// - Origin: `GovernanceOrigin`.
		/// - `to`: an active Manufacturer other than the current owner.
		///
		/// Emits `ProductReassigned`. Complexity: O(1).
		#[pallet::call_index(14)]
		pub fn reassign_product(origin: OriginFor<T>, gtin: RawCode, to: OrgId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let gtin = Self::gtin(&gtin)?;
			let mut product = Products::<T>::get(gtin).ok_or(Error::<T>::ProductNotFound)?;
			ensure!(
				T::Directory::active_organization(to) == Some(OrgKind::Manufacturer),
				Error::<T>::NotManufacturer
			);
			let from = product.org;
			ensure!(from != to, Error::<T>::AlreadyProductOwner);
			product.org = to;
			Products::<T>::insert(gtin, product);
			Self::deposit_event(Event::ProductReassigned { gtin, from, to });
			Ok(())
		}

		/// Withdraw a product for good: no more units of it are commissioned, none of its units
		/// is packed, shipped, returned or dispensed, and every one of them verifies
		/// `Recalled`. The GTIN stays taken.
		///
		/// - Origin: `GovernanceOrigin`.
		///
		/// Emits `ProductRevoked`. Complexity: O(1), whatever the number of units.
		#[pallet::call_index(15)]
		pub fn revoke_product(origin: OriginFor<T>, gtin: RawCode) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let gtin = Self::gtin(&gtin)?;
			let product = Products::<T>::get(gtin).ok_or(Error::<T>::ProductNotFound)?;
			ensure!(!RevokedProducts::<T>::contains_key(gtin), Error::<T>::AlreadyRevoked);
			RevokedProducts::<T>::insert(gtin, ());
			Self::deposit_event(Event::ProductRevoked { gtin, org: product.org });
			Ok(())
		}
	}
}

/// A unit or container a call has checked and changed in memory, written once every check of
/// the call has passed.
enum Staged {
	Unit(Gtin, Serial, UnitInfo),
	Container(Sscc, ContainerInfo),
}

impl Staged {
	fn write<T: Config>(self) {
		match self {
			Staged::Unit(gtin, serial, unit) => Units::<T>::insert(gtin, serial, unit),
			Staged::Container(sscc, c) => Containers::<T>::insert(sscc, c),
		}
	}
}

/// What a shipment's arrival (receipt, cancellation or refusal) writes.
type Arrival = (Vec<Staged>, Journal);

impl<T: Config> Pallet<T> {
	/// Ends an in-transit shipment without receipt: `Cancelled` by its sender, `Refused` by its
	/// destination. Its items go back to the sender's stock with one entry each, whose deposit
	/// the signer holds. Returns the organisation `who` acted for.
	fn return_to_sender(
		who: &T::AccountId,
		shipment: ShipmentId,
		end: ShipmentState,
	) -> Result<OrgId, DispatchError> {
		let (org, _) = Self::partner(who)?;
		let mut s = Shipments::<T>::get(shipment).ok_or(Error::<T>::ShipmentNotFound)?;
		let movement = match end {
			ShipmentState::Refused => {
				ensure!(s.to == org, Error::<T>::NotDestination);
				Movement::ShipmentRefused { shipment, by: org }
			}
			ShipmentState::Cancelled => {
				ensure!(s.from == org, Error::<T>::NotSender);
				Movement::ShipmentCancelled { shipment, by: org }
			}
			ShipmentState::InTransit | ShipmentState::Received => {
				return Err(Error::<T>::ShipmentClosed.into())
			}
		};
		Self::ensure_in_transit(&s)?;
		let staged = Self::stage_arrival(&s, s.from, None, movement, false)?;
		Self::hold_history_deposit(who, staged.1.len())?;
		Self::write_arrival(staged);
		s.state = end;
		Shipments::<T>::insert(shipment, s);
		Ok(org)
	}

	fn gs1_error(e: Gs1Error) -> Error<T> {
		match e {
			Gs1Error::GtinFormat => Error::<T>::InvalidGtin,
			Gs1Error::GtinCheckDigit => Error::<T>::InvalidGtinCheckDigit,
			Gs1Error::SsccFormat => Error::<T>::InvalidSscc,
			Gs1Error::SsccCheckDigit => Error::<T>::InvalidSsccCheckDigit,
			Gs1Error::SerialFormat => Error::<T>::InvalidSerial,
			Gs1Error::LotFormat => Error::<T>::InvalidLot,
			Gs1Error::ExpiryFormat => Error::<T>::InvalidExpiry,
			Gs1Error::ExpiryDate => Error::<T>::InvalidExpiryDate,
		}
	}

	fn gtin(raw: &[u8]) -> Result<Gtin, Error<T>> {
		gs1::gtin(raw).map_err(Self::gs1_error)
	}

	fn unit_code(gtin: &[u8], serial: &[u8]) -> Result<(Gtin, Serial), Error<T>> {
		Ok((Self::gtin(gtin)?, gs1::serial(serial).map_err(Self::gs1_error)?))
	}

	/// The organisation a GTIN's company prefix (after its indicator digit) is assigned to.
	pub fn gtin_prefix_owner(gtin: &Gtin) -> Option<OrgId> {
		T::Directory::company_prefix_owner(gtin.get(1..).unwrap_or_default())
	}

	/// The organisation an SSCC's company prefix (after its extension digit) is assigned to.
	pub fn sscc_prefix_owner(sscc: &Sscc) -> Option<OrgId> {
		T::Directory::company_prefix_owner(sscc.get(1..).unwrap_or_default())
	}

	/// The validated items, or the first invalid one's error; duplicates are refused.
	fn items(codes: &[ItemCode]) -> Result<Vec<Item>, Error<T>> {
		ensure!(!codes.is_empty(), Error::<T>::EmptyItems);
		let mut items = codes
			.iter()
			.map(|code| match code {
				ItemCode::Unit { gtin, serial } => {
					let (gtin, serial) = Self::unit_code(gtin, serial)?;
					Ok(Item::Unit { gtin, serial })
				}
				ItemCode::Container(sscc) => {
					Ok(Item::Container(gs1::sscc(sscc).map_err(Self::gs1_error)?))
				}
			})
			.collect::<Result<Vec<_>, Error<T>>>()?;
		let mut sorted = items.clone();
		sorted.sort();
		ensure!(
			!sorted.windows(2).any(|w| matches!(w, [a, b] if a == b)),
			Error::<T>::DuplicateItem
		);
		items.shrink_to_fit();
		Ok(items)
	}

	/// The organisation `who` acts for and its kind: as its active practitioner, or as its
	/// admin (an admin acts for its organisation wherever its staff may).
	fn acting_org(who: &T::AccountId) -> Option<(OrgId, OrgKind)> {
		T::Directory::active_practitioner(who)
			.map(|p| (p.org, p.org_kind))
			.or_else(|| T::Directory::administered_organization(who))
	}

	/// The caller's organisation and its kind, if it acts for an active trading partner.
	fn partner(who: &T::AccountId) -> Result<(OrgId, OrgKind), Error<T>> {
		Self::acting_org(who)
			.filter(|(_, kind)| TRADING_PARTNERS.contains(kind))
			.ok_or(Error::<T>::NotTradingPartner)
	}

	fn manufacturer_or_regulator(who: &T::AccountId, gtin: &Gtin) -> Result<OrgId, Error<T>> {
		let (org, kind) = Self::acting_org(who).ok_or(Error::<T>::NotManufacturerOrRegulator)?;
		let owner = Products::<T>::get(gtin).ok_or(Error::<T>::ProductNotFound)?.org;
		ensure!(kind == OrgKind::Regulator || org == owner, Error::<T>::NotManufacturerOrRegulator);
		Ok(org)
	}

	/// Whether `org` may report the unit suspect: a regulator, the product's manufacturer,
	/// its holder, the sender or destination of the shipment it is in, or the partner it last
	/// came from (all resolved through its containers, at most `MaxDepth` reads).
	fn is_related(org: OrgId, kind: OrgKind, gtin: &Gtin, unit: &UnitInfo) -> bool {
		if kind == OrgKind::Regulator || Products::<T>::get(gtin).is_some_and(|p| p.org == org) {
			return true;
		}
		let (custody, last_from) = Self::loose_state(unit.parent, unit.custody, unit.last_from);
		let custodian = match custody {
			Custody::Held(holder) => holder == org,
			Custody::InTransit(id) => {
				Shipments::<T>::get(id).is_some_and(|s| s.from == org || s.to == org)
			}
		};
		custodian || last_from == Some(org)
	}

	fn ensure_held(custody: Custody, org: OrgId) -> Result<(), Error<T>> {
		match custody {
			Custody::Held(holder) if holder == org => Ok(()),
			Custody::Held(_) => Err(Error::<T>::NotHolder),
			Custody::InTransit(_) => Err(Error::<T>::InTransit),
		}
	}

	fn ensure_in_transit(s: &ShipmentOf<T>) -> Result<(), Error<T>> {
		match s.state {
			ShipmentState::InTransit => Ok(()),
			ShipmentState::Received => Err(Error::<T>::AlreadyReceived),
			ShipmentState::Cancelled | ShipmentState::Refused => Err(Error::<T>::ShipmentClosed),
		}
	}

	fn status_error(status: UnitStatus) -> Error<T> {
		match status {
			UnitStatus::Suspect => Error::<T>::UnitSuspect,
			_ => Error::<T>::UnitInactive,
		}
	}

	/// Whether a unit of this status makes its containers quarantined.
	pub fn is_flagged(status: UnitStatus) -> bool {
		matches!(status, UnitStatus::Suspect | UnitStatus::Illegitimate)
	}

	/// Whether the container holds suspect or illegitimate units (at any depth while sealed).
	pub fn is_quarantined(sscc: &Sscc) -> bool {
		FlaggedContents::<T>::get(sscc).is_some_and(|n| n > 0)
	}

	/// Something directly in `parent` became flagged (`up`) or clean: the counts of its
	/// containers follow, up to the first whose own quarantine does not change (at most
	/// `MaxDepth + 1` containers).
	fn propagate_flag(mut parent: Option<Sscc>, up: bool) {
		for _ in 0..=T::MaxDepth::get() {
			let Some(p) = parent else { return };
			let Some(c) = Containers::<T>::get(p) else { return };
			let before = FlaggedContents::<T>::get(p).unwrap_or(0);
			let after = if up { before.saturating_add(1) } else { before.saturating_sub(1) };
			if after == 0 {
				FlaggedContents::<T>::remove(p);
			} else {
				FlaggedContents::<T>::insert(p, after);
			}
			if (before == 0) == (after == 0) || c.opened {
				return;
			}
			parent = c.parent;
		}
	}

	/// A unit that may be sold: active, unexpired, of a product not revoked and a lot not
	/// recalled. Returns its expiry.
	fn ensure_saleable(gtin: &Gtin, unit: &UnitInfo, now: Moment) -> Result<Moment, Error<T>> {
		ensure!(unit.status == UnitStatus::Active, Self::status_error(unit.status));
		let lot = Lots::<T>::get(gtin, &unit.lot).ok_or(Error::<T>::LotNotFound)?;
		ensure!(lot.recalled.is_none(), Error::<T>::LotRecalled);
		ensure!(!RevokedProducts::<T>::contains_key(gtin), Error::<T>::ProductRevoked);
		ensure!(now < lot.expires_at, Error::<T>::ProductExpired);
		Ok(lot.expires_at)
	}

	/// A sealed container none of whose lots is recalled and none of whose products is revoked,
	/// however late the recall or revocation came: one read of its lot set, then one per lot and
	/// one per product, at most `2 × MaxLotsPerContainer`, whatever the number of units.
	fn ensure_lots_saleable(sscc: &Sscc) -> Result<(), Error<T>> {
		let lots =
			ContainerLots::<T>::try_get(sscc).map_err(|_| Error::<T>::ContainerLotsUnknown)?;
		let mut product = None;
		for (gtin, lot) in lots {
			let lot = Lots::<T>::get(gtin, &lot).ok_or(Error::<T>::LotNotFound)?;
			ensure!(lot.recalled.is_none(), Error::<T>::LotRecalled);
			// The set is sorted: the lots of one product follow each other.
			if product != Some(gtin) {
				ensure!(!RevokedProducts::<T>::contains_key(gtin), Error::<T>::ProductRevoked);
				product = Some(gtin);
			}
		}
		Ok(())
	}

	/// Adds a lot to a container's set (sorted, each once), within `MaxLotsPerContainer`.
	fn add_lot(lots: &mut LotSetOf<T>, lot: (Gtin, Lot)) -> Result<(), Error<T>> {
		if let Err(at) = lots.binary_search(&lot) {
			lots.try_insert(at, lot).map_err(|_| Error::<T>::TooManyLots)?;
		}
		Ok(())
	}

	/// How many of a call's items are containers (each pays for its lot checks).
	pub fn containers_in(items: &[ItemCode]) -> u64 {
		items.iter().filter(|i| matches!(i, ItemCode::Container(_))).count() as u64
	}

	/// What checking one sealed container's lots adds to a move, at most: the read of its lot
	/// set and `MaxLotsPerContainer` lots (the lots dimension of `ship_container_holding`).
	pub fn lot_checks_weight() -> Weight {
		let lots = T::MaxLotsPerContainer::get();
		T::WeightInfo::ship_container_holding(1, lots)
			.saturating_sub(T::WeightInfo::ship_container_holding(1, 0))
			.saturating_add(T::DbWeight::get().reads(1))
	}

	/// A container whose earliest-expiring contents are still in date.
	fn ensure_unexpired(container: &ContainerInfo, now: Moment) -> Result<(), Error<T>> {
		ensure!(container.expires_at.is_none_or(|e| now < e), Error::<T>::ProductExpired);
		Ok(())
	}

	/// Makes a unit or container the caller may move on its own: it must be loose (in no
	/// sealed container) and held by `org`. An item loose in an opened container is detached
	/// from it here, taking its holder and origin (an `Unpacked` entry of `kind`). Returns the
	/// container it was detached from, if any.
	#[allow(clippy::too_many_arguments)]
	fn take_loose(
		item: &Item,
		parent: &mut Option<Sscc>,
		custody: &mut Custody,
		last_from: &mut Option<OrgId>,
		events: &mut u32,
		org: OrgId,
		now: Moment,
		journal: &mut Journal,
		kind: EntryKind,
	) -> Result<Option<Sscc>, Error<T>> {
		let mut left = None;
		if let Some(p) = *parent {
			let container = Containers::<T>::get(p).ok_or(Error::<T>::ContainerNotFound)?;
			ensure!(container.opened, Error::<T>::ItemInContainer);
			Self::ensure_held(container.custody, org)?;
			*parent = None;
			*custody = container.custody;
			*last_from = container.last_from;
			journal.note::<T>(item, events, Movement::Unpacked { from: p }, now, 0, kind)?;
			left = Some(p);
		}
		Self::ensure_held(*custody, org)?;
		Ok(left)
	}

	/// [`Self::take_loose`] for a unit.
	fn take_unit_loose(
		item: &Item,
		unit: &mut UnitInfo,
		org: OrgId,
		now: Moment,
		journal: &mut Journal,
		kind: EntryKind,
	) -> Result<Option<Sscc>, Error<T>> {
		Self::take_loose(
			item,
			&mut unit.parent,
			&mut unit.custody,
			&mut unit.last_from,
			&mut unit.events,
			org,
			now,
			journal,
			kind,
		)
	}

	/// [`Self::take_loose`] for a container.
	fn take_container_loose(
		item: &Item,
		container: &mut ContainerInfo,
		org: OrgId,
		now: Moment,
		journal: &mut Journal,
		kind: EntryKind,
	) -> Result<Option<Sscc>, Error<T>> {
		Self::take_loose(
			item,
			&mut container.parent,
			&mut container.custody,
			&mut container.last_from,
			&mut container.events,
			org,
			now,
			journal,
			kind,
		)
	}

	/// Checks one item of a `pack` into `sscc` and stages it: the item goes in, and the
	/// target's depth, earliest expiry and lots follow.
	#[allow(clippy::too_many_arguments)]
	fn stage_packing(
		item: &Item,
		sscc: Sscc,
		target: &mut ContainerInfo,
		lots: &mut LotSetOf<T>,
		org: OrgId,
		now: Moment,
		journal: &mut Journal,
	) -> Result<Staged, Error<T>> {
		let movement = Movement::Packed { into: sscc };
		match item {
			Item::Unit { gtin, serial } => {
				let mut unit = Units::<T>::get(gtin, serial).ok_or(Error::<T>::UnitNotFound)?;
				Self::take_unit_loose(item, &mut unit, org, now, journal, EntryKind::Move)?;
				let expires_at = Self::ensure_saleable(gtin, &unit, now)?;
				target.expires_at = earliest(target.expires_at, Some(expires_at));
				Self::add_lot(lots, (*gtin, unit.lot.clone()))?;
				unit.parent = Some(sscc);
				journal.note::<T>(
					item,
					&mut unit.events,
					movement,
					now,
					target.events,
					EntryKind::Move,
				)?;
				Ok(Staged::Unit(*gtin, serial.clone(), unit))
			}
			Item::Container(child) => {
				ensure!(*child != sscc, Error::<T>::PackIntoItself);
				let mut c = Containers::<T>::get(child).ok_or(Error::<T>::ContainerNotFound)?;
				ensure!(!c.opened, Error::<T>::ContainerOpened);
				ensure!(!Self::is_quarantined(child), Error::<T>::ContainerQuarantined);
				Self::take_container_loose(item, &mut c, org, now, journal, EntryKind::Move)?;
				Self::ensure_unexpired(&c, now)?;
				target.expires_at = earliest(target.expires_at, c.expires_at);
				let depth = c.depth.saturating_add(1);
				ensure!(depth <= T::MaxDepth::get(), Error::<T>::NestingTooDeep);
				target.depth = target.depth.max(depth);
				let child_lots = ContainerLots::<T>::try_get(child)
					.map_err(|_| Error::<T>::ContainerLotsUnknown)?;
				for lot in child_lots {
					Self::add_lot(lots, lot)?;
				}
				c.parent = Some(sscc);
				journal.note::<T>(
					item,
					&mut c.events,
					movement,
					now,
					target.events,
					EntryKind::Move,
				)?;
				Ok(Staged::Container(*child, c))
			}
		}
	}

	/// Checks one item of a new shipment and stages it in transit, with its `Shipped` entry
	/// (and an `Unpacked` one if it is detached on the way).
	fn stage_dispatch(
		item: &Item,
		from: OrgId,
		to: OrgId,
		shipment: ShipmentId,
		now: Moment,
		journal: &mut Journal,
	) -> Result<Staged, Error<T>> {
		let movement = Movement::Shipped { shipment, from, to };
		match item {
			Item::Unit { gtin, serial } => {
				let mut unit = Units::<T>::get(gtin, serial).ok_or(Error::<T>::UnitNotFound)?;
				Self::take_unit_loose(item, &mut unit, from, now, journal, EntryKind::Move)?;
				Self::ensure_saleable(gtin, &unit, now)?;
				unit.custody = Custody::InTransit(shipment);
				journal.note::<T>(item, &mut unit.events, movement, now, 0, EntryKind::Move)?;
				Ok(Staged::Unit(*gtin, serial.clone(), unit))
			}
			Item::Container(sscc) => {
				let mut c = Containers::<T>::get(sscc).ok_or(Error::<T>::ContainerNotFound)?;
				ensure!(!c.opened, Error::<T>::ContainerOpened);
				ensure!(!Self::is_quarantined(sscc), Error::<T>::ContainerQuarantined);
				Self::take_container_loose(item, &mut c, from, now, journal, EntryKind::Move)?;
				Self::ensure_unexpired(&c, now)?;
				Self::ensure_lots_saleable(sscc)?;
				c.custody = Custody::InTransit(shipment);
				journal.note::<T>(item, &mut c.events, movement, now, 0, EntryKind::Move)?;
				Ok(Staged::Container(*sscc, c))
			}
		}
	}

	/// Stages a shipment's items into `holder`'s stock, each with a `movement` entry (a status
	/// change: never refused for a long history). `from` becomes their origin when given
	/// (receipt); a cancelled or refused shipment leaves it as it was. With `check_contents`
	/// (receipt) a container holding suspect or illegitimate units, units of a recalled lot or
	/// of a revoked product is refused; what goes back to its sender always may.
	fn stage_arrival(
		s: &ShipmentOf<T>,
		holder: OrgId,
		from: Option<OrgId>,
		movement: Movement,
		check_contents: bool,
	) -> Result<Arrival, Error<T>> {
		let now = T::Time::now();
		let mut journal = Journal::default();
		let mut staged = Vec::with_capacity(s.items.len());
		for item in &s.items {
			match item {
				Item::Unit { gtin, serial } => {
					let mut u = Units::<T>::get(gtin, serial).ok_or(Error::<T>::UnitNotFound)?;
					u.custody = Custody::Held(holder);
					u.last_from = from.or(u.last_from);
					journal.note::<T>(item, &mut u.events, movement, now, 0, EntryKind::Status)?;
					staged.push(Staged::Unit(*gtin, serial.clone(), u));
				}
				Item::Container(sscc) => {
					let mut c = Containers::<T>::get(sscc).ok_or(Error::<T>::ContainerNotFound)?;
					if check_contents {
						ensure!(!Self::is_quarantined(sscc), Error::<T>::ContainerQuarantined);
						Self::ensure_lots_saleable(sscc)?;
					}
					c.custody = Custody::Held(holder);
					c.last_from = from.or(c.last_from);
					journal.note::<T>(item, &mut c.events, movement, now, 0, EntryKind::Status)?;
					staged.push(Staged::Container(*sscc, c));
				}
			}
		}
		Ok((staged, journal))
	}

	fn write_arrival((staged, journal): Arrival) {
		journal.write::<T>();
		for s in staged {
			s.write::<T>();
		}
	}

	/// Custody of something with `parent` and its own `custody`: through its sealed containers
	/// up to the top-level one, or the opened container it lies loose in.
	pub fn resolve_custody(parent: Option<Sscc>, custody: Custody) -> Custody {
		Self::loose_state(parent, custody, None).0
	}

	/// [`Self::resolve_custody`], with the organisation it last came from.
	fn loose_state(
		mut parent: Option<Sscc>,
		mut custody: Custody,
		mut last_from: Option<OrgId>,
	) -> (Custody, Option<OrgId>) {
		for _ in 0..=T::MaxDepth::get() {
			let Some(p) = parent else { break };
			let Some(c) = Containers::<T>::get(p) else { break };
			custody = c.custody;
			last_from = c.last_from;
			if c.opened {
				break;
			}
			parent = c.parent;
		}
		(custody, last_from)
	}

	/// The one answer for a scanned pack, the most serious first.
	pub fn verify_unit(gtin: &[u8], serial: &[u8], lot: &[u8], expiry: &[u8]) -> UnitVerification {
		let (Ok(gtin), Ok(serial)) = (gs1::gtin(gtin), gs1::serial(serial)) else {
			return UnitVerification::UnknownSerial;
		};
		let Some(unit) = Units::<T>::get(gtin, &serial) else {
			return UnitVerification::UnknownSerial;
		};
		let lot_info = Lots::<T>::get(gtin, &unit.lot);
		if unit.status == UnitStatus::Illegitimate {
			return UnitVerification::Illegitimate;
		}
		if lot_info.as_ref().is_some_and(|l| l.recalled.is_some())
			|| RevokedProducts::<T>::contains_key(gtin)
		{
			return UnitVerification::Recalled;
		}
		if unit.status == UnitStatus::Suspect {
			return UnitVerification::Suspect;
		}
		if unit.lot.as_slice() != lot {
			return UnitVerification::LotMismatch;
		}
		if lot_info.as_ref().map(|l| &l.expiry[..]) != Some(expiry) {
			return UnitVerification::ExpiryMismatch;
		}
		match unit.status {
			UnitStatus::Dispensed => return UnitVerification::Dispensed,
			UnitStatus::Decommissioned(_) => return UnitVerification::Decommissioned,
			_ => {}
		}
		if lot_info.is_some_and(|l| T::Time::now() >= l.expires_at) {
			return UnitVerification::Expired;
		}
		UnitVerification::Genuine {
			holder: Self::resolve_custody(unit.parent, unit.custody),
			status: unit.status,
		}
	}
}

/// The earlier of two optional expiries (`None` is no expiry).
fn earliest(a: Option<Moment>, b: Option<Moment>) -> Option<Moment> {
	match (a, b) {
		(Some(a), Some(b)) => Some(a.min(b)),
		(a, b) => a.or(b),
	}
}
