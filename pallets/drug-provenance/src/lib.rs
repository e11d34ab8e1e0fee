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
//! Organisations act through their practitioners (staff accounts registered by the admin).
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
//! [`Pallet::report_suspect`], [`Pallet::resolve_suspect`], [`Pallet::return_unit`].
//! Runtime API `ProvenanceApi`: [`Pallet::verify_unit`], [`Pallet::trace`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deposits;
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
		/// The consortium directory: which organisation, of which kind, an account acts for.
		type Directory: ConsortiumDirectory<Self::AccountId>;

		/// The chain's clock (milliseconds), against which expiry is checked.
		type Time: Time<Moment = Moment>;

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

		/// Most history entries one unit or container keeps.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// The deposit held from an account for what it keeps in this pallet's storage
		/// (a `Consideration` over the item count and bytes; see docs/economics.md).
		type Deposit: Consideration<Self::AccountId, Footprint>;

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
		/// A manufacturer registered a product.
		ProductRegistered { gtin: Gtin, org: OrgId },
		/// Units were commissioned (EPCIS ObjectEvent, action ADD, bizStep commissioning).
		UnitsCommissioned { gtin: Gtin, lot: Lot, count: u32 },
		/// Items were packed into a container (EPCIS AggregationEvent, action ADD, bizStep packing).
		Packed { sscc: Sscc, items: u32, org: OrgId },
		/// A container was opened (EPCIS AggregationEvent, action DELETE, bizStep unpacking).
		Unpacked { sscc: Sscc, org: OrgId },
		/// Items left `from` for `to` (EPCIS TransactionEvent ADD + ObjectEvent bizStep shipping).
		Shipped { shipment: ShipmentId, from: OrgId, to: OrgId },
		/// The destination took custody (EPCIS ObjectEvent bizStep receiving).
		Received { shipment: ShipmentId, by: OrgId },
		/// A unit was dispensed (EPCIS ObjectEvent bizStep dispensing, disposition dispensed).
		Dispensed { gtin: Gtin, serial: Serial, by: OrgId },
		/// A unit was decommissioned (EPCIS ObjectEvent action DELETE, bizStep decommissioning).
		Decommissioned { gtin: Gtin, serial: Serial, reason: DecommissionReason, by: OrgId },
		/// A whole lot was recalled (EPCIS ObjectEvent disposition recalled).
		LotRecalled { gtin: Gtin, lot: Lot, by: OrgId, reason_hash: H256 },
		/// A unit was reported suspect and quarantined (disposition non_sellable_other).
		SuspectReported { gtin: Gtin, serial: Serial, by: OrgId, reason_hash: H256 },
		/// A suspect report was resolved: cleared, or illegitimate (terminal).
		SuspectResolved { gtin: Gtin, serial: Serial, illegitimate: bool, by: OrgId },
		/// A dispenser sent a saleable return back to its wholesaler (EPCIS bizStep returning).
		Returned { gtin: Gtin, serial: Serial, shipment: ShipmentId, from: OrgId, to: OrgId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A GTIN is not 14 digits.
		GtinFormat,
		/// A GTIN's check digit is wrong.
		GtinCheckDigit,
		/// An SSCC is not 18 digits.
		SsccFormat,
		/// An SSCC's check digit is wrong.
		SsccCheckDigit,
		/// A serial is not 1 to 20 characters of the GS1 set 82.
		SerialFormat,
		/// A lot is not 1 to 20 characters of the GS1 set 82.
		LotFormat,
		/// An expiry is not six digits YYMMDD.
		ExpiryFormat,
		/// An expiry's month or day does not exist.
		ExpiryDate,
		/// The caller is not a practitioner of an active trading partner.
		NotTradingPartner,
		/// Only a manufacturer registers products.
		NotManufacturer,
		/// The product name is empty.
		NameEmpty,
		/// The product is registered already.
		ProductExists,
		/// No product has this GTIN.
		UnknownProduct,
		/// Only the product's manufacturer may do this.
		NotProductOwner,
		/// No serials were given.
		NoSerials,
		/// The serial is already used for this GTIN (serials are unique forever).
		SerialExists,
		/// The lot exists with another expiry.
		LotExpiryMismatch,
		/// The product is past its expiry.
		ExpiredProduct,
		/// No unit has this GTIN and serial.
		UnknownUnit,
		/// No container has this SSCC.
		UnknownContainer,
		/// No lot of this product has this number.
		UnknownLot,
		/// The unit is inside a sealed container: it moves only with it.
		InsideContainer,
		/// The caller's organisation does not hold it.
		NotHolder,
		/// It is in transit.
		InTransit,
		/// The container has been opened; it moves no more.
		ContainerOpened,
		/// A container cannot be packed into itself.
		PackIntoItself,
		/// Packing would nest containers deeper than `MaxDepth`.
		TooDeep,
		/// No items were given.
		NoItems,
		/// The same item is listed twice.
		DuplicateItem,
		/// The destination is not an active trading partner.
		InvalidDestination,
		/// A shipment to one's own organisation.
		ShipToSelf,
		/// No shipment has this id.
		UnknownShipment,
		/// Only the destination organisation receives a shipment.
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
		NotSuspect,
		/// The unit is not in the supply chain any more (dispensed, decommissioned or
		/// illegitimate).
		UnitNotActive,
		/// The unit did not come to this organisation from a wholesaler.
		NoWholesalerToReturnTo,
		/// The unit or container has `MaxHistory` entries; it can record no more moves.
		HistoryFull,
		/// Every shipment id has been used.
		IdsExhausted,
		/// The signer cannot hold the storage deposit for what the call would store.
		DepositUnavailable,
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
		/// - Origin: a practitioner of an active Manufacturer.
		/// - `gtin`: GTIN-14 digits; `name`: 1 to `MaxNameLength` bytes.
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
			ensure!(!name.is_empty(), Error::<T>::NameEmpty);
			ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductExists);
			Self::hold_deposit(&who, 1, Self::product_bytes())?;
			Products::<T>::insert(gtin, Product { org, name });
			Self::deposit_event(Event::ProductRegistered { gtin, org });
			Ok(())
		}

		/// Commission serialized units of one lot.
		///
		/// - Origin: a practitioner of the product's manufacturer.
		/// - `lot`, `expiry`: AI 10 and AI 17 (a lot keeps one expiry); `serials`: AI 21, up to
		///   `MaxSerialsPerCall`, each new for this GTIN.
		///
		/// Deposit: the signer holds one for each unit (with its first history entry) and for
		/// the lot if it is new, in one ledger update.
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
			ensure!(!serials.is_empty(), Error::<T>::NoSerials);
			let (org, _) = Self::partner(&who)?;
			let product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
			ensure!(product.org == org, Error::<T>::NotProductOwner);
			let new_lot = match Lots::<T>::get(gtin, &lot) {
				Some(existing) => {
					ensure!(existing.expiry == expiry, Error::<T>::LotExpiryMismatch);
					false
				}
				None => true,
			};
			let serials = serials
				.iter()
				.map(|raw| gs1::serial(raw).map_err(Self::gs1_error))
				.collect::<Result<Vec<_>, _>>()?;
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
			let now = T::Time::now();
			for serial in &serials {
				ensure!(!Units::<T>::contains_key(gtin, serial), Error::<T>::SerialExists);
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
			});
			Ok(())
		}

		/// Pack units and containers into a container (created on first use), held by the
		/// caller's organisation.
		///
		/// - Origin: a practitioner of an active trading partner holding every item.
		/// - `sscc`: the container (SSCC-18); new, or sealed, top-level and held by the caller.
		/// - `items`: loose units and top-level sealed containers held by the caller.
		///
		/// Deposit: the signer holds one for a new container (with its first history entry) and
		/// for every history entry appended (`Packed`, and `Unpacked` for what is taken out of an
		/// opened container).
		///
		/// Emits `Packed`. Complexity: O(items).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::pack(items.len() as u32))]
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
			let existing = Containers::<T>::get(sscc);
			let new_container = existing.is_none();
			let target_events = existing.as_ref().map_or(0, |c| c.events);
			let mut target = match existing {
				Some(mut c) => {
					ensure!(!c.opened, Error::<T>::ContainerOpened);
					// A sealed case lying loose in an opened pallet is detached from it first.
					Self::take_container_loose(&Item::Container(sscc), &mut c, org, now)?;
					c
				}
				None => ContainerInfo {
					parent: None,
					opened: false,
					custody: Custody::Held(org),
					last_from: None,
					depth: 1,
					children: 0,
					events: 0,
					expires_at: None,
				},
			};
			if target.events == 0 {
				Self::record(
					&Item::Container(sscc),
					&mut target.events,
					Movement::Commissioned { org },
					now,
					0,
				)?;
			}
			// History entries appended to the packed items (their `Packed` and, for items taken
			// out of opened containers, `Unpacked` entries).
			let mut appended: u32 = 0;
			for item in &items {
				match item {
					Item::Unit { gtin, serial } => {
						let mut unit =
							Units::<T>::get(gtin, serial).ok_or(Error::<T>::UnknownUnit)?;
						let before = unit.events;
						Self::take_unit_loose(item, &mut unit, org, now)?;
						let expires_at = Self::ensure_saleable(gtin, &unit, now)?;
						target.expires_at = earliest(target.expires_at, Some(expires_at));
						unit.parent = Some(sscc);
						Self::record(
							item,
							&mut unit.events,
							Movement::Packed { into: sscc },
							now,
							target.events,
						)?;
						appended = appended.saturating_add(unit.events.saturating_sub(before));
						Units::<T>::insert(gtin, serial, unit);
					}
					Item::Container(child) => {
						ensure!(*child != sscc, Error::<T>::PackIntoItself);
						let mut c =
							Containers::<T>::get(child).ok_or(Error::<T>::UnknownContainer)?;
						ensure!(!c.opened, Error::<T>::ContainerOpened);
						let before = c.events;
						Self::take_container_loose(item, &mut c, org, now)?;
						Self::ensure_unexpired(&c, now)?;
						target.expires_at = earliest(target.expires_at, c.expires_at);
						let depth = c.depth.saturating_add(1);
						ensure!(depth <= T::MaxDepth::get(), Error::<T>::TooDeep);
						target.depth = target.depth.max(depth);
						c.parent = Some(sscc);
						Self::record(
							item,
							&mut c.events,
							Movement::Packed { into: sscc },
							now,
							target.events,
						)?;
						appended = appended.saturating_add(c.events.saturating_sub(before));
						Containers::<T>::insert(child, c);
					}
				}
			}
			// A new container comes with its first history entry; an existing one may have
			// been detached from an opened container (an `Unpacked` entry).
			let (containers, container_bytes, target_appended) = if new_container {
				(1, Self::container_bytes(), target.events.saturating_sub(1))
			} else {
				(0, 0, target.events.saturating_sub(target_events))
			};
			let entries = u64::from(appended.saturating_add(target_appended));
			Self::hold_deposit(
				&who,
				entries.saturating_add(containers),
				entries.saturating_mul(Self::history_entry_bytes()).saturating_add(container_bytes),
			)?;
			target.children = target.children.saturating_add(items.len() as u32);
			Containers::<T>::insert(sscc, target);
			Self::deposit_event(Event::Packed { sscc, items: items.len() as u32, org });
			Ok(())
		}

		/// Open a container: what it holds becomes loose at its holder (each item is detached
		/// on its own next move), and the container moves no more.
		///
		/// - Origin: a practitioner of the organisation holding the (top-level, sealed) container.
		///
		/// Deposit: the signer holds one for the `Opened` entry (and an `Unpacked` one if the
		/// container lay in an opened container). The container stays stored, opened.
		///
		/// Emits `Unpacked`. Complexity: O(1), whatever the container holds.
		#[pallet::call_index(3)]
		pub fn unpack(origin: OriginFor<T>, sscc: RawCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let sscc = gs1::sscc(&sscc).map_err(Self::gs1_error)?;
			let (org, _) = Self::partner(&who)?;
			let mut c = Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
			ensure!(!c.opened, Error::<T>::ContainerOpened);
			let now = T::Time::now();
			let before = c.events;
			Self::take_container_loose(&Item::Container(sscc), &mut c, org, now)?;
			c.opened = true;
			Self::record(&Item::Container(sscc), &mut c.events, Movement::Opened, now, 0)?;
			Self::hold_history_deposit(&who, c.events.saturating_sub(before))?;
			Containers::<T>::insert(sscc, c);
			Self::deposit_event(Event::Unpacked { sscc, org });
			Ok(())
		}

		/// Ship units and top-level containers to another trading partner; they are in transit
		/// until the destination receives them. A container moves with all it holds.
		///
		/// - Origin: a practitioner of the organisation holding every item.
		/// - `to`: an active trading partner other than the sender.
		/// - `transaction_hash`: hash of the DSCSA transaction information and statement.
		///
		/// Deposit: the signer holds one for the shipment and every history entry appended
		/// (`Shipped`, and `Unpacked` for what is taken out of an opened container).
		///
		/// Units must be active, unexpired and of a lot not recalled. Emits `Shipped`.
		/// Complexity: O(items), and O(1) per container whatever it holds.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::ship(items.len() as u32))]
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
			NextShipmentId::<T>::put(shipment.checked_add(1).ok_or(Error::<T>::IdsExhausted)?);
			let now = T::Time::now();
			let mut appended: u32 = 0;
			for item in &items {
				appended =
					appended.saturating_add(Self::dispatch_item(item, from, to, shipment, now)?);
			}
			let entries = u64::from(appended);
			Self::hold_deposit(
				&who,
				entries.saturating_add(1),
				entries
					.saturating_mul(Self::history_entry_bytes())
					.saturating_add(Self::shipment_bytes()),
			)?;
			Shipments::<T>::insert(
				shipment,
				Shipment {
					from,
					to,
					items: BoundedVec::truncate_from(items),
					transaction_hash,
					received: false,
				},
			);
			Self::deposit_event(Event::Shipped { shipment, from, to });
			Ok(())
		}

		/// Take custody of a shipment.
		///
		/// - Origin: a practitioner of the shipment's destination.
		///
		/// Deposit: the signer holds one for each item's `Received` entry.
		///
		/// Emits `Received`. Complexity: O(items of the shipment).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::receive(T::MaxItemsPerCall::get()))]
		pub fn receive(origin: OriginFor<T>, shipment: ShipmentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, _) = Self::partner(&who)?;
			let mut s = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
			ensure!(s.to == org, Error::<T>::NotDestination);
			ensure!(!s.received, Error::<T>::AlreadyReceived);
			Self::hold_history_deposit(&who, s.items.len() as u32)?;
			let now = T::Time::now();
			let movement = Movement::Received { shipment, by: org };
			for item in &s.items {
				match item {
					Item::Unit { gtin, serial } => Units::<T>::try_mutate(gtin, serial, |u| {
						let u = u.as_mut().ok_or(Error::<T>::UnknownUnit)?;
						u.custody = Custody::Held(org);
						u.last_from = Some(s.from);
						Self::record(item, &mut u.events, movement, now, 0)
					})?,
					Item::Container(sscc) => Containers::<T>::try_mutate(sscc, |c| {
						let c = c.as_mut().ok_or(Error::<T>::UnknownContainer)?;
						c.custody = Custody::Held(org);
						c.last_from = Some(s.from);
						Self::record(item, &mut c.events, movement, now, 0)
					})?,
				}
			}
			s.received = true;
			Shipments::<T>::insert(shipment, s);
			Self::deposit_event(Event::Received { shipment, by: org });
			Ok(())
		}

		/// Dispense a unit to a patient.
		///
		/// - Origin: a practitioner of a pharmacy, hospital or clinic holding the (loose,
		///   active, unexpired, not recalled) unit.
		///
		/// Deposit: the signer holds one for the entries appended (`Dispensed`, and `Unpacked` if
		/// the unit lay in an opened container).
		///
		/// Emits `Dispensed`. Complexity: O(`MaxDepth`).
		#[pallet::call_index(6)]
		pub fn dispense(origin: OriginFor<T>, gtin: RawCode, serial: RawCode) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let (org, kind) = Self::partner(&who)?;
			ensure!(DISPENSERS.contains(&kind), Error::<T>::NotDispenser);
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnknownUnit)?;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let before = unit.events;
			Self::take_unit_loose(&item, &mut unit, org, now)?;
			Self::ensure_saleable(&gtin, &unit, now)?;
			unit.status = UnitStatus::Dispensed;
			Self::record(&item, &mut unit.events, Movement::Dispensed { by: org }, now, 0)?;
			Self::hold_history_deposit(&who, unit.events.saturating_sub(before))?;
			Units::<T>::insert(gtin, &serial, unit);
			Self::deposit_event(Event::Dispensed { gtin, serial, by: org });
			Ok(())
		}

		/// Take a unit out of the supply chain.
		///
		/// - Origin: a practitioner of the organisation holding the (loose, active) unit.
		///
		/// Deposit: the signer holds one for the entries appended (`Decommissioned`, and
		/// `Unpacked` if the unit lay in an opened container).
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
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnknownUnit)?;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let before = unit.events;
			Self::take_unit_loose(&item, &mut unit, org, now)?;
			ensure!(
				matches!(unit.status, UnitStatus::Active | UnitStatus::Suspect),
				Error::<T>::UnitNotActive
			);
			unit.status = UnitStatus::Decommissioned(reason);
			Self::record(&item, &mut unit.events, Movement::Decommissioned { reason }, now, 0)?;
			Self::hold_history_deposit(&who, unit.events.saturating_sub(before))?;
			Units::<T>::insert(gtin, &serial, unit);
			Self::deposit_event(Event::Decommissioned { gtin, serial, reason, by: org });
			Ok(())
		}

		/// Recall a whole lot, at once and at constant cost whatever its size.
		///
		/// - Origin: a practitioner of the product's manufacturer, or of an active regulator.
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
				let l = l.as_mut().ok_or(Error::<T>::UnknownLot)?;
				ensure!(l.recalled.is_none(), Error::<T>::AlreadyRecalled);
				l.recalled = Some(reason_hash);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::LotRecalled { gtin, lot, by: org, reason_hash });
			Ok(())
		}

		/// Report a unit as suspect product: it is quarantined (cannot be shipped, packed or
		/// dispensed) until resolved.
		///
		/// - Origin: a practitioner of any active trading partner or regulator.
		///
		/// Deposit: the signer holds one for the `ReportedSuspect` entry.
		///
		/// Emits `SuspectReported`. Complexity: O(1).
		#[pallet::call_index(9)]
		pub fn report_suspect(
			origin: OriginFor<T>,
			gtin: RawCode,
			serial: RawCode,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (gtin, serial) = Self::unit_code(&gtin, &serial)?;
			let org = T::Directory::active_practitioner(&who)
				.filter(|p| {
					TRADING_PARTNERS.contains(&p.org_kind) || p.org_kind == OrgKind::Regulator
				})
				.ok_or(Error::<T>::NotTradingPartner)?
				.org;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			Units::<T>::try_mutate(gtin, &serial, |u| {
				let u = u.as_mut().ok_or(Error::<T>::UnknownUnit)?;
				ensure!(u.status == UnitStatus::Active, Self::status_error(u.status));
				u.status = UnitStatus::Suspect;
				Self::record(&item, &mut u.events, Movement::ReportedSuspect { by: org }, now, 0)
			})?;
			Self::hold_history_deposit(&who, 1)?;
			Self::deposit_event(Event::SuspectReported { gtin, serial, by: org, reason_hash });
			Ok(())
		}

		/// Resolve a suspect report: clear the unit, or find it illegitimate (terminal).
		///
		/// - Origin: a practitioner of the product's manufacturer, or of an active regulator.
		///
		/// Deposit: the signer holds one for the `Resolved` entry.
		///
		/// Emits `SuspectResolved`. Complexity: O(1).
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
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			Units::<T>::try_mutate(gtin, &serial, |u| {
				let u = u.as_mut().ok_or(Error::<T>::UnknownUnit)?;
				ensure!(u.status == UnitStatus::Suspect, Error::<T>::NotSuspect);
				u.status = if illegitimate { UnitStatus::Illegitimate } else { UnitStatus::Active };
				Self::record(&item, &mut u.events, Movement::Resolved { illegitimate }, now, 0)
			})?;
			Self::hold_history_deposit(&who, 1)?;
			Self::deposit_event(Event::SuspectResolved { gtin, serial, illegitimate, by: org });
			Ok(())
		}

		/// Send a saleable unit back to the wholesaler it came from, as a shipment the
		/// wholesaler verifies and receives before restocking.
		///
		/// - Origin: a practitioner of the dispenser holding the (loose, active, unexpired, not
		///   recalled) unit, which came to it from a wholesaler.
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
			let mut unit = Units::<T>::get(gtin, &serial).ok_or(Error::<T>::UnknownUnit)?;
			let item = Item::Unit { gtin, serial: serial.clone() };
			let now = T::Time::now();
			let before = unit.events;
			Self::take_unit_loose(&item, &mut unit, org, now)?;
			let detached = unit.events.saturating_sub(before);
			Self::ensure_saleable(&gtin, &unit, now)?;
			let to = unit
				.last_from
				.filter(|from| {
					T::Directory::active_organization(*from) == Some(OrgKind::Wholesaler)
				})
				.ok_or(Error::<T>::NoWholesalerToReturnTo)?;
			Units::<T>::insert(gtin, &serial, unit);
			let shipment = NextShipmentId::<T>::get();
			NextShipmentId::<T>::put(shipment.checked_add(1).ok_or(Error::<T>::IdsExhausted)?);
			let entries = u64::from(
				detached.saturating_add(Self::dispatch_item(&item, org, to, shipment, now)?),
			);
			Self::hold_deposit(
				&who,
				entries.saturating_add(1),
				entries
					.saturating_mul(Self::history_entry_bytes())
					.saturating_add(Self::shipment_bytes()),
			)?;
			Shipments::<T>::insert(
				shipment,
				Shipment {
					from: org,
					to,
					items: BoundedVec::truncate_from(alloc::vec![item]),
					transaction_hash: H256::zero(),
					received: false,
				},
			);
			Self::deposit_event(Event::Returned { gtin, serial, shipment, from: org, to });
			Self::deposit_event(Event::Shipped { shipment, from: org, to });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	fn gs1_error(e: Gs1Error) -> Error<T> {
		match e {
			Gs1Error::GtinFormat => Error::<T>::GtinFormat,
			Gs1Error::GtinCheckDigit => Error::<T>::GtinCheckDigit,
			Gs1Error::SsccFormat => Error::<T>::SsccFormat,
			Gs1Error::SsccCheckDigit => Error::<T>::SsccCheckDigit,
			Gs1Error::SerialFormat => Error::<T>::SerialFormat,
			Gs1Error::LotFormat => Error::<T>::LotFormat,
			Gs1Error::ExpiryFormat => Error::<T>::ExpiryFormat,
			Gs1Error::ExpiryDate => Error::<T>::ExpiryDate,
		}
	}

	fn gtin(raw: &[u8]) -> Result<Gtin, Error<T>> {
		gs1::gtin(raw).map_err(Self::gs1_error)
	}

	fn unit_code(gtin: &[u8], serial: &[u8]) -> Result<(Gtin, Serial), Error<T>> {
		Ok((Self::gtin(gtin)?, gs1::serial(serial).map_err(Self::gs1_error)?))
	}

	/// The validated items, or the first invalid one's error; duplicates are refused.
	fn items(codes: &[ItemCode]) -> Result<Vec<Item>, Error<T>> {
		ensure!(!codes.is_empty(), Error::<T>::NoItems);
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

	/// The caller's organisation and its kind, if it is a practitioner of an active trading
	/// partner.
	fn partner(who: &T::AccountId) -> Result<(OrgId, OrgKind), Error<T>> {
		T::Directory::active_practitioner(who)
			.filter(|p| TRADING_PARTNERS.contains(&p.org_kind))
			.map(|p| (p.org, p.org_kind))
			.ok_or(Error::<T>::NotTradingPartner)
	}

	fn manufacturer_or_regulator(who: &T::AccountId, gtin: &Gtin) -> Result<OrgId, Error<T>> {
		let p =
			T::Directory::active_practitioner(who).ok_or(Error::<T>::NotManufacturerOrRegulator)?;
		let owner = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?.org;
		ensure!(
			p.org_kind == OrgKind::Regulator || p.org == owner,
			Error::<T>::NotManufacturerOrRegulator
		);
		Ok(p.org)
	}

	fn ensure_held(custody: Custody, org: OrgId) -> Result<(), Error<T>> {
		match custody {
			Custody::Held(holder) if holder == org => Ok(()),
			Custody::Held(_) => Err(Error::<T>::NotHolder),
			Custody::InTransit(_) => Err(Error::<T>::InTransit),
		}
	}

	fn status_error(status: UnitStatus) -> Error<T> {
		match status {
			UnitStatus::Suspect => Error::<T>::UnitSuspect,
			_ => Error::<T>::UnitNotActive,
		}
	}

	/// A unit that may be sold: active, unexpired, of a lot not recalled. Returns its expiry.
	fn ensure_saleable(gtin: &Gtin, unit: &UnitInfo, now: Moment) -> Result<Moment, Error<T>> {
		ensure!(unit.status == UnitStatus::Active, Self::status_error(unit.status));
		let lot = Lots::<T>::get(gtin, &unit.lot).ok_or(Error::<T>::UnknownLot)?;
		ensure!(lot.recalled.is_none(), Error::<T>::LotRecalled);
		ensure!(now < lot.expires_at, Error::<T>::ExpiredProduct);
		Ok(lot.expires_at)
	}

	/// A container whose earliest-expiring contents are still in date.
	fn ensure_unexpired(container: &ContainerInfo, now: Moment) -> Result<(), Error<T>> {
		ensure!(container.expires_at.is_none_or(|e| now < e), Error::<T>::ExpiredProduct);
		Ok(())
	}

	/// Makes a unit or container the caller may move on its own: it must be loose (in no
	/// sealed container) and held by `org`. An item loose in an opened container is detached
	/// from it here, taking its holder and origin.
	#[allow(clippy::too_many_arguments)]
	fn take_loose(
		item: &Item,
		parent: &mut Option<Sscc>,
		custody: &mut Custody,
		last_from: &mut Option<OrgId>,
		events: &mut u32,
		org: OrgId,
		now: Moment,
	) -> Result<(), Error<T>> {
		if let Some(p) = *parent {
			let container = Containers::<T>::get(p).ok_or(Error::<T>::UnknownContainer)?;
			ensure!(container.opened, Error::<T>::InsideContainer);
			Self::ensure_held(container.custody, org)?;
			*parent = None;
			*custody = container.custody;
			*last_from = container.last_from;
			Self::record(item, events, Movement::Unpacked { from: p }, now, 0)?;
		}
		Self::ensure_held(*custody, org)
	}

	/// [`Self::take_loose`] for a unit.
	fn take_unit_loose(
		item: &Item,
		unit: &mut UnitInfo,
		org: OrgId,
		now: Moment,
	) -> Result<(), Error<T>> {
		Self::take_loose(
			item,
			&mut unit.parent,
			&mut unit.custody,
			&mut unit.last_from,
			&mut unit.events,
			org,
			now,
		)
	}

	/// [`Self::take_loose`] for a container.
	fn take_container_loose(
		item: &Item,
		container: &mut ContainerInfo,
		org: OrgId,
		now: Moment,
	) -> Result<(), Error<T>> {
		Self::take_loose(
			item,
			&mut container.parent,
			&mut container.custody,
			&mut container.last_from,
			&mut container.events,
			org,
			now,
		)
	}

	/// Puts one item of a new shipment in transit. Returns how many history entries it
	/// appended (its `Shipped` entry, and an `Unpacked` one if it was detached on the way).
	fn dispatch_item(
		item: &Item,
		from: OrgId,
		to: OrgId,
		shipment: ShipmentId,
		now: Moment,
	) -> Result<u32, Error<T>> {
		let movement = Movement::Shipped { shipment, from, to };
		match item {
			Item::Unit { gtin, serial } => {
				let mut unit = Units::<T>::get(gtin, serial).ok_or(Error::<T>::UnknownUnit)?;
				let before = unit.events;
				Self::take_unit_loose(item, &mut unit, from, now)?;
				Self::ensure_saleable(gtin, &unit, now)?;
				unit.custody = Custody::InTransit(shipment);
				Self::record(item, &mut unit.events, movement, now, 0)?;
				let appended = unit.events.saturating_sub(before);
				Units::<T>::insert(gtin, serial, unit);
				Ok(appended)
			}
			Item::Container(sscc) => {
				let mut c = Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
				ensure!(!c.opened, Error::<T>::ContainerOpened);
				let before = c.events;
				Self::take_container_loose(item, &mut c, from, now)?;
				Self::ensure_unexpired(&c, now)?;
				c.custody = Custody::InTransit(shipment);
				Self::record(item, &mut c.events, movement, now, 0)?;
				let appended = c.events.saturating_sub(before);
				Containers::<T>::insert(sscc, c);
				Ok(appended)
			}
		}
	}

	/// Appends to an item's history.
	fn record(
		item: &Item,
		events: &mut u32,
		movement: Movement,
		at: Moment,
		container_seq: u32,
	) -> Result<(), Error<T>> {
		ensure!(*events < T::MaxHistory::get(), Error::<T>::HistoryFull);
		History::<T>::insert(item, *events, HistoryEntry { movement, at, container_seq });
		*events = events.saturating_add(1);
		Ok(())
	}

	/// Custody of something with `parent` and its own `custody`: through its sealed containers
	/// up to the top-level one, or the opened container it lies loose in.
	pub fn resolve_custody(mut parent: Option<Sscc>, mut custody: Custody) -> Custody {
		for _ in 0..=T::MaxDepth::get() {
			let Some(p) = parent else { return custody };
			let Some(c) = Containers::<T>::get(p) else { return custody };
			if c.opened {
				return c.custody;
			}
			custody = c.custody;
			parent = c.parent;
		}
		custody
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
		if lot_info.as_ref().is_some_and(|l| l.recalled.is_some()) {
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
