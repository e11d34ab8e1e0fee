//! Unit tests: every call and every error, GS1 validation with real codes, custody through
//! containers, and the verification and trace answers.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, Error, Event, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

type Pallet = crate::Pallet<Test>;

/// GS1's example GTIN (0 0614141 12345 2), the maker's product.
const GTIN: &[u8] = b"00614141123452";
/// Another valid GTIN, of the other manufacturer.
const OTHER_GTIN: &[u8] = b"10512345999996";
const CASE: &[u8] = b"006141410000000012";
const CASE_2: &[u8] = b"006141410000000029";
const PALLET: &[u8] = b"006141410000000036";
const PALLET_2: &[u8] = b"006141410000000043";
/// Cases of the wholesaler's and of the pharmacy's own company prefixes.
const W_CASE: &[u8] = b"007000010000000015";
const W_PALLET: &[u8] = b"007000010000000022";
const P_CASE: &[u8] = b"008000020000000011";
const LOT: &[u8] = b"L2026A";
/// Expiry 2027-12-31 (day 00 = end of month).
const EXPIRY: &[u8] = b"271200";

fn code(bytes: &[u8]) -> RawCode {
	BoundedVec::truncate_from(bytes.to_vec())
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn unit(serial: &str) -> ItemCode {
	ItemCode::Unit { gtin: code(GTIN), serial: code(serial.as_bytes()) }
}

fn container(sscc: &[u8]) -> ItemCode {
	ItemCode::Container(code(sscc))
}

fn items(list: Vec<ItemCode>) -> BoundedVec<ItemCode, ConstU32<10>> {
	BoundedVec::truncate_from(list)
}

fn serials(list: &[&str]) -> BoundedVec<RawCode, ConstU32<1_000>> {
	BoundedVec::truncate_from(list.iter().map(|s| code(s.as_bytes())).collect())
}

fn gtin() -> Gtin {
	gs1::gtin(GTIN).unwrap()
}

fn sscc(raw: &[u8]) -> Sscc {
	gs1::sscc(raw).unwrap()
}

/// The maker's product with units S1..S3 of `LOT`.
fn with_units() {
	assert_ok!(Pallet::register_product(
		signed(MAKER_STAFF),
		code(GTIN),
		BoundedVec::truncate_from(b"Amoxicillin 500 mg".to_vec())
	));
	assert_ok!(Pallet::commission_units(
		signed(MAKER_STAFF),
		code(GTIN),
		code(LOT),
		code(EXPIRY),
		serials(&["S1", "S2", "S3"])
	));
}

fn ship(who: u64, to: OrgId, list: Vec<ItemCode>) -> DispatchResult {
	Pallet::ship(signed(who), to, items(list), H256::repeat_byte(7))
}

/// `receive`, its post-dispatch information left out.
fn receive(who: u64, shipment: ShipmentId) -> DispatchResult {
	Pallet::receive(signed(who), shipment).map(|_| ()).map_err(|e| e.error)
}

fn last_shipment() -> ShipmentId {
	NextShipmentId::<Test>::get() - 1
}

fn verify(serial: &str) -> UnitVerification {
	Pallet::verify_unit(GTIN, serial.as_bytes(), LOT, EXPIRY)
}

fn holder(serial: &str) -> Custody {
	match verify(serial) {
		UnitVerification::Genuine { holder, .. } => holder,
		other => panic!("not genuine: {other:?}"),
	}
}

/// S1 and S2 in CASE at the maker; CASE shipped to the wholesaler and received.
fn case_at_wholesaler() {
	with_units();
	assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1"), unit("S2")])));
	assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
	assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
}

/// The unit's whole trace in one page (it must fit).
fn one_page(serial: &str) -> Vec<TraceStep> {
	let page = Pallet::trace(GTIN, serial.as_bytes(), None, MAX_TRACE_PAGE);
	assert_eq!(page.next, None, "the trace fits one page");
	page.steps
}

fn empty_page() -> TracePage {
	TracePage { steps: Vec::new(), next: None }
}

fn name() -> BoundedVec<u8, ConstU32<32>> {
	BoundedVec::truncate_from(b"Product".to_vec())
}

mod gs1_validation {
	use super::*;

	#[test]
	fn real_world_codes_are_accepted_and_each_defect_has_its_error() {
		ExtBuilder::default().build_and_execute(|| {
			let register =
				|g: &[u8]| Pallet::register_product(signed(MAKER_STAFF), code(g), name());
			assert_noop!(register(b"0061414112345"), Error::<Test>::InvalidGtin);
			assert_noop!(register(b"0061414112345X"), Error::<Test>::InvalidGtin);
			assert_noop!(register(b"00614141123453"), Error::<Test>::InvalidGtinCheckDigit);
			assert_ok!(register(GTIN));
			let commission = |lot: &[u8], expiry: &[u8], serial: &str| {
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(lot),
					code(expiry),
					serials(&[serial]),
				)
			};
			assert_noop!(commission(b"", EXPIRY, "S1"), Error::<Test>::InvalidLot);
			assert_noop!(commission(b"LOT 1", EXPIRY, "S1"), Error::<Test>::InvalidLot);
			assert_noop!(
				commission(b"123456789012345678901", EXPIRY, "S1"),
				Error::<Test>::InvalidLot
			);
			assert_noop!(commission(LOT, b"2712", "S1"), Error::<Test>::InvalidExpiry);
			assert_noop!(commission(LOT, b"27120A", "S1"), Error::<Test>::InvalidExpiry);
			assert_noop!(commission(LOT, b"271301", "S1"), Error::<Test>::InvalidExpiryDate);
			assert_noop!(commission(LOT, b"270230", "S1"), Error::<Test>::InvalidExpiryDate);
			assert_noop!(commission(LOT, EXPIRY, "S 1"), Error::<Test>::InvalidSerial);
			assert_noop!(commission(LOT, EXPIRY, ""), Error::<Test>::InvalidSerial);
			assert_ok!(commission(b"2026-11/A", b"280229", "AB!%&()*+,-./:;<=>?_"));
			assert_noop!(
				Pallet::pack(
					signed(MAKER_STAFF),
					code(b"00614141000000001"),
					items(vec![unit("S1")])
				),
				Error::<Test>::InvalidSscc
			);
			assert_noop!(
				Pallet::pack(
					signed(MAKER_STAFF),
					code(b"006141410000000013"),
					items(vec![unit("S1")])
				),
				Error::<Test>::InvalidSsccCheckDigit
			);
		});
	}
}

mod products_and_commissioning {
	use super::*;

	#[test]
	fn a_manufacturer_registers_a_product_and_commissions_a_thousand_units_in_one_call() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			assert_eq!(
				last_event(),
				Event::ProductRegistered { gtin: gtin(), org: MAKER, by: MAKER_STAFF }
			);
			let many: Vec<RawCode> =
				(0..1_000).map(|n| code(format!("SN{n:06}").as_bytes())).collect();
			assert_ok!(Pallet::commission_units(
				signed(MAKER_STAFF),
				code(GTIN),
				code(LOT),
				code(EXPIRY),
				BoundedVec::truncate_from(many)
			));
			assert_eq!(
				last_event(),
				Event::UnitsCommissioned {
					gtin: gtin(),
					lot: BoundedVec::truncate_from(LOT.to_vec()),
					count: 1_000,
					by: MAKER_STAFF
				}
			);
			assert_eq!(Units::<Test>::iter_prefix(gtin()).count(), 1_000);
			assert_eq!(holder("SN000999"), Custody::Held(MAKER));
		});
	}

	#[test]
	fn register_product_errors() {
		ExtBuilder::default().build_and_execute(|| {
			for who in [LAB_STAFF, STRANGER, INSPECTOR] {
				assert_noop!(
					Pallet::register_product(signed(who), code(GTIN), name()),
					Error::<Test>::NotTradingPartner
				);
			}
			assert_noop!(
				Pallet::register_product(signed(WHOLESALER_STAFF), code(GTIN), name()),
				Error::<Test>::NotManufacturer
			);
			assert_noop!(
				Pallet::register_product(signed(MAKER_STAFF), code(GTIN), BoundedVec::new()),
				Error::<Test>::EmptyName
			);
			assert_noop!(
				Pallet::register_product(signed(OTHER_MAKER_STAFF), code(GTIN), name()),
				Error::<Test>::NotCompanyPrefixOwner
			);
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			assert_noop!(
				Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()),
				Error::<Test>::ProductAlreadyRegistered
			);
			assert_noop!(
				Pallet::register_product(RuntimeOrigin::none(), code(GTIN), name()),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn commission_units_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let commission = |who, g: &[u8], list: &[&str]| {
				Pallet::commission_units(
					signed(who),
					code(g),
					code(LOT),
					code(EXPIRY),
					serials(list),
				)
			};
			assert_noop!(commission(MAKER_STAFF, GTIN, &["S1"]), Error::<Test>::ProductNotFound);
			with_units();
			assert_noop!(commission(MAKER_STAFF, GTIN, &[]), Error::<Test>::EmptySerials);
			assert_noop!(
				commission(OTHER_MAKER_STAFF, GTIN, &["S9"]),
				Error::<Test>::NotProductOwner
			);
			assert_noop!(
				commission(MAKER_STAFF, GTIN, &["S1"]),
				Error::<Test>::SerialAlreadyCommissioned
			);
			assert_noop!(
				commission(MAKER_STAFF, GTIN, &["S8", "S8"]),
				Error::<Test>::DuplicateSerial
			);
			assert_noop!(
				commission(MAKER_STAFF, GTIN, &["S8", "S1"]),
				Error::<Test>::SerialAlreadyCommissioned
			);
			assert_noop!(
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(LOT),
					code(b"280101"),
					serials(&["S9"])
				),
				Error::<Test>::LotExpiryMismatch
			);
			// The same serial under another GTIN is another unit.
			assert_ok!(Pallet::register_product(
				signed(OTHER_MAKER_STAFF),
				code(OTHER_GTIN),
				name()
			));
			assert_ok!(commission(OTHER_MAKER_STAFF, OTHER_GTIN, &["S1"]));
		});
	}
}

mod aggregation_and_custody {
	use super::*;

	#[test]
	fn a_case_moves_with_its_units_and_the_units_follow_without_being_touched() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(CASE),
				items(vec![unit("S1"), unit("S2")])
			));
			assert_eq!(
				last_event(),
				Event::Packed { sscc: sscc(CASE), items: 2, org: MAKER, by: MAKER_STAFF }
			);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
			let shipment = last_shipment();
			assert_eq!(
				last_event(),
				Event::Shipped { shipment, from: MAKER, to: WHOLESALER, by: MAKER_STAFF }
			);
			assert_eq!(holder("S1"), Custody::InTransit(shipment));
			assert_eq!(holder("S3"), Custody::Held(MAKER));
			// The unit records were not written by the shipment.
			assert_eq!(
				Units::<Test>::get(gtin(), BoundedVec::truncate_from(b"S1".to_vec()))
					.unwrap()
					.custody,
				Custody::Held(MAKER)
			);
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), shipment));
			assert_eq!(
				last_event(),
				Event::Received { shipment, org: WHOLESALER, by: WHOLESALER_STAFF }
			);
			assert_eq!(holder("S2"), Custody::Held(WHOLESALER));
		});
	}

	#[test]
	fn shipping_a_packed_unit_alone_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			case_at_wholesaler();
			assert_noop!(
				ship(WHOLESALER_STAFF, PHARMACY, vec![unit("S1")]),
				Error::<Test>::ItemInContainer
			);
			assert_noop!(
				Pallet::pack(signed(WHOLESALER_STAFF), code(W_CASE), items(vec![unit("S1")])),
				Error::<Test>::ItemInContainer
			);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")),
				Error::<Test>::ItemInContainer
			);
		});
	}

	#[test]
	fn nested_containers_move_as_one_and_open_level_by_level() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(PALLET),
				items(vec![container(CASE), unit("S3")])
			));
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET_2), items(vec![container(PALLET)])),
				Error::<Test>::NestingTooDeep
			);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]),
				Error::<Test>::ItemInContainer
			);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			assert_eq!(holder("S1"), Custody::Held(WHOLESALER));
			// Opening the pallet frees the case (still sealed) and the loose unit.
			assert_ok!(Pallet::unpack(signed(WHOLESALER_STAFF), code(PALLET)));
			assert_eq!(
				last_event(),
				Event::Unpacked { sscc: sscc(PALLET), org: WHOLESALER, by: WHOLESALER_STAFF }
			);
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(CASE), unit("S3")]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			assert_eq!(holder("S1"), Custody::Held(PHARMACY));
			assert_eq!(holder("S3"), Custody::Held(PHARMACY));
			assert_noop!(
				ship(WHOLESALER_STAFF, PHARMACY, vec![container(PALLET)]),
				Error::<Test>::ContainerOpened
			);
		});
	}

	#[test]
	fn a_sealed_case_lying_in_an_opened_pallet_can_be_packed_into() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(PALLET),
				items(vec![container(CASE)])
			));
			// Still sealed inside the pallet: nothing goes in.
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])),
				Error::<Test>::ItemInContainer
			);
			assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(PALLET)));
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])));
			assert_eq!(Containers::<Test>::get(sscc(CASE)).unwrap().parent, None);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			assert_eq!(holder("S1"), Custody::Held(WHOLESALER));
			assert_eq!(holder("S2"), Custody::Held(WHOLESALER));
		});
	}

	#[test]
	fn pack_errors() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			let pack = |who, sscc: &[u8], list| Pallet::pack(signed(who), code(sscc), items(list));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![]), Error::<Test>::EmptyItems);
			assert_noop!(
				pack(MAKER_STAFF, CASE, vec![unit("S1"), unit("S1")]),
				Error::<Test>::DuplicateItem
			);
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S9")]), Error::<Test>::UnitNotFound);
			assert_noop!(
				pack(MAKER_STAFF, CASE, vec![container(CASE_2)]),
				Error::<Test>::ContainerNotFound
			);
			assert_noop!(
				pack(WHOLESALER_STAFF, W_CASE, vec![unit("S1")]),
				Error::<Test>::NotHolder
			);
			assert_noop!(
				pack(WHOLESALER_STAFF, CASE, vec![unit("S1")]),
				Error::<Test>::NotCompanyPrefixOwner
			);
			assert_noop!(pack(LAB_STAFF, CASE, vec![unit("S1")]), Error::<Test>::NotTradingPartner);
			assert_ok!(pack(MAKER_STAFF, CASE, vec![unit("S1")]));
			assert_noop!(
				pack(MAKER_STAFF, CASE, vec![container(CASE)]),
				Error::<Test>::PackIntoItself
			);
			assert_noop!(pack(WHOLESALER_STAFF, CASE, vec![unit("S2")]), Error::<Test>::NotHolder);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S2")]));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S2")]), Error::<Test>::InTransit);
			assert_ok!(Pallet::report_suspect(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"S3"),
				H256::zero(),
				None
			));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S3")]), Error::<Test>::UnitSuspect);
			assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(CASE)));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S1")]), Error::<Test>::ContainerOpened);
		});
	}

	#[test]
	fn unpack_errors() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::unpack(signed(MAKER_STAFF), code(CASE)),
				Error::<Test>::ContainerNotFound
			);
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_noop!(
				Pallet::unpack(signed(WHOLESALER_STAFF), code(CASE)),
				Error::<Test>::NotHolder
			);
			assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(CASE)));
			assert_noop!(
				Pallet::unpack(signed(MAKER_STAFF), code(CASE)),
				Error::<Test>::ContainerOpened
			);
			// Loose units of an opened case move on their own.
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
		});
	}
}

mod shipping {
	use super::*;

	#[test]
	fn ship_errors() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_noop!(ship(MAKER_STAFF, MAKER, vec![unit("S1")]), Error::<Test>::ShipToSelf);
			assert_noop!(
				ship(MAKER_STAFF, LAB, vec![unit("S1")]),
				Error::<Test>::InvalidDestination
			);
			assert_noop!(
				ship(MAKER_STAFF, REGULATOR, vec![unit("S1")]),
				Error::<Test>::InvalidDestination
			);
			assert_noop!(
				ship(MAKER_STAFF, 77, vec![unit("S1")]),
				Error::<Test>::InvalidDestination
			);
			set_organization_active(WHOLESALER, false);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::InvalidDestination
			);
			set_organization_active(WHOLESALER, true);
			assert_noop!(
				ship(WHOLESALER_STAFF, PHARMACY, vec![unit("S1")]),
				Error::<Test>::NotHolder
			);
			assert_noop!(ship(MAKER_STAFF, WHOLESALER, vec![]), Error::<Test>::EmptyItems);
			assert_noop!(
				ship(STRANGER, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::NotTradingPartner
			);
			NextShipmentId::<Test>::put(ShipmentId::MAX);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::IdsExhausted
			);
		});
	}

	#[test]
	fn expired_or_recalled_product_cannot_be_shipped() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::LotRecalled
			);
		});
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			// 2028-01-01 00:00 UTC: the first moment after the expiry date.
			set_time(1_830_297_600_000);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::ProductExpired
			);
			set_time(1_830_297_599_999);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
		});
	}

	#[test]
	fn expired_or_recalled_product_cannot_be_packed() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])),
				Error::<Test>::LotRecalled
			);
		});
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			set_time(1_830_297_600_000);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])),
				Error::<Test>::ProductExpired
			);
		});
	}

	#[test]
	fn a_case_whose_contents_expired_cannot_be_shipped_or_packed() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(PALLET), items(vec![unit("S2")])));
			// 2027-12 ends at 2028-01-01 00:00 UTC.
			assert_eq!(
				Containers::<Test>::get(sscc(CASE)).unwrap().expires_at,
				Some(1_830_297_600_000)
			);
			set_time(1_830_297_600_000);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]),
				Error::<Test>::ProductExpired
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET_2), items(vec![container(CASE)])),
				Error::<Test>::ProductExpired
			);
		});
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			// The pallet takes the case's expiry up with it, so the pallet is refused too.
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(PALLET),
				items(vec![container(CASE)])
			));
			assert_eq!(
				Containers::<Test>::get(sscc(PALLET)).unwrap().expires_at,
				Some(1_830_297_600_000)
			);
			set_time(1_830_297_600_000);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]),
				Error::<Test>::ProductExpired
			);
		});
	}

	#[test]
	fn receiving_by_the_wrong_organisation_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
			let shipment = last_shipment();
			assert_noop!(
				Pallet::receive(signed(PHARMACIST), shipment),
				Error::<Test>::NotDestination
			);
			assert_noop!(
				Pallet::receive(signed(MAKER_STAFF), shipment),
				Error::<Test>::NotDestination
			);
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), shipment + 1),
				Error::<Test>::ShipmentNotFound
			);
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), shipment));
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), shipment),
				Error::<Test>::AlreadyReceived
			);
		});
	}

	#[test]
	fn a_full_history_stops_further_moves_but_not_a_receipt() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			// Commissioned + 15 steps fill the test runtime's 16 entries.
			let step = |i: u32| match i % 4 {
				0 => ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				1 => receive(WHOLESALER_STAFF, last_shipment()),
				2 => ship(WHOLESALER_STAFF, MAKER, vec![unit("S1")]),
				_ => receive(MAKER_STAFF, last_shipment()),
			};
			for i in 0..15 {
				assert_ok!(step(i));
			}
			// The 17th entry is a receipt, a status change: recorded past the bound.
			assert_ok!(step(15));
			assert_eq!(Units::<Test>::get(gtin(), gs1::serial(b"S1").unwrap()).unwrap().events, 17);
			assert_noop!(step(16), Error::<Test>::HistoryTooLong);
		});
	}
}

mod lifecycle {
	use super::*;

	/// S3 loose at the pharmacy, having come through the wholesaler.
	fn at_pharmacy() {
		with_units();
		assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S3")]));
		assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
		assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![unit("S3")]));
		assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
	}

	#[test]
	fn a_pharmacy_dispenses_a_unit_it_holds() {
		ExtBuilder::default().build_and_execute(|| {
			at_pharmacy();
			assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")));
			assert_eq!(
				last_event(),
				Event::Dispensed {
					gtin: gtin(),
					serial: BoundedVec::truncate_from(b"S3".to_vec()),
					org: PHARMACY,
					by: PHARMACIST
				}
			);
			assert_eq!(verify("S3"), UnitVerification::Dispensed);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")),
				Error::<Test>::UnitInactive
			);
		});
	}

	#[test]
	fn dispensing_expired_product_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			at_pharmacy();
			set_time(1_830_297_600_000);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")),
				Error::<Test>::ProductExpired
			);
			assert_eq!(verify("S3"), UnitVerification::Expired);
		});
	}

	#[test]
	fn dispense_errors() {
		ExtBuilder::default().build_and_execute(|| {
			at_pharmacy();
			assert_noop!(
				Pallet::dispense(signed(WHOLESALER_STAFF), code(GTIN), code(b"S1")),
				Error::<Test>::NotDispenser
			);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")),
				Error::<Test>::NotHolder
			);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S9")),
				Error::<Test>::UnitNotFound
			);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(b"123"), code(b"S3")),
				Error::<Test>::InvalidGtin
			);
			assert_ok!(Pallet::recall_lot(
				signed(MAKER_STAFF),
				code(GTIN),
				code(LOT),
				H256::zero()
			));
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")),
				Error::<Test>::LotRecalled
			);
		});
	}

	#[test]
	fn a_unit_from_an_opened_case_is_dispensed() {
		ExtBuilder::default().build_and_execute(|| {
			case_at_wholesaler();
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")),
				Error::<Test>::ItemInContainer
			);
			assert_ok!(Pallet::unpack(signed(PHARMACIST), code(CASE)));
			assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")));
			assert_eq!(holder("S2"), Custody::Held(PHARMACY));
		});
	}

	#[test]
	fn decommission_takes_a_unit_out() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::decommission(
					signed(WHOLESALER_STAFF),
					code(GTIN),
					code(b"S1"),
					DecommissionReason::Damaged
				),
				Error::<Test>::NotHolder
			);
			assert_ok!(Pallet::decommission(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"S1"),
				DecommissionReason::Damaged
			));
			assert_eq!(
				last_event(),
				Event::Decommissioned {
					gtin: gtin(),
					serial: BoundedVec::truncate_from(b"S1".to_vec()),
					reason: DecommissionReason::Damaged,
					org: MAKER,
					by: MAKER_STAFF
				}
			);
			assert_eq!(verify("S1"), UnitVerification::Decommissioned);
			assert_noop!(
				Pallet::decommission(
					signed(MAKER_STAFF),
					code(GTIN),
					code(b"S1"),
					DecommissionReason::Destroyed
				),
				Error::<Test>::UnitInactive
			);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::UnitInactive
			);
		});
	}

	#[test]
	fn a_saleable_return_goes_back_to_the_wholesaler_who_receives_it() {
		ExtBuilder::default().build_and_execute(|| {
			at_pharmacy();
			assert_ok!(Pallet::return_unit(signed(PHARMACIST), code(GTIN), code(b"S3")));
			let shipment = last_shipment();
			assert!(System::events().iter().any(|e| e.event
				== RuntimeEvent::DrugProvenance(Event::Returned {
					gtin: gtin(),
					serial: BoundedVec::truncate_from(b"S3".to_vec()),
					shipment,
					from: PHARMACY,
					to: WHOLESALER,
					by: PHARMACIST,
				})));
			assert_eq!(holder("S3"), Custody::InTransit(shipment));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), shipment));
			assert_eq!(holder("S3"), Custody::Held(WHOLESALER));
		});
	}

	#[test]
	fn return_unit_errors() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			// Straight from the manufacturer: no wholesaler to return to.
			assert_ok!(ship(MAKER_STAFF, PHARMACY, vec![unit("S1")]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			assert_noop!(
				Pallet::return_unit(signed(PHARMACIST), code(GTIN), code(b"S1")),
				Error::<Test>::NoWholesalerToReturnTo
			);
			assert_noop!(
				Pallet::return_unit(signed(MAKER_STAFF), code(GTIN), code(b"S2")),
				Error::<Test>::NotDispenser
			);
			assert_noop!(
				Pallet::return_unit(signed(PHARMACIST), code(GTIN), code(b"S2")),
				Error::<Test>::NotHolder
			);
		});
	}
}

mod recalls_and_suspects {
	use super::*;

	#[test]
	fn recall_then_verify() {
		ExtBuilder::default().build_and_execute(|| {
			case_at_wholesaler();
			assert_ok!(Pallet::recall_lot(
				signed(MAKER_STAFF),
				code(GTIN),
				code(LOT),
				H256::repeat_byte(4)
			));
			assert_eq!(
				last_event(),
				Event::LotRecalled {
					gtin: gtin(),
					lot: BoundedVec::truncate_from(LOT.to_vec()),
					org: MAKER,
					by: MAKER_STAFF,
					reason_hash: H256::repeat_byte(4)
				}
			);
			for serial in ["S1", "S2", "S3"] {
				assert_eq!(verify(serial), UnitVerification::Recalled);
			}
		});
	}

	#[test]
	fn recall_lot_errors() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			for who in [OTHER_MAKER_STAFF, WHOLESALER_STAFF, STRANGER] {
				assert_noop!(
					Pallet::recall_lot(signed(who), code(GTIN), code(LOT), H256::zero()),
					Error::<Test>::NotManufacturerOrRegulator
				);
			}
			assert_noop!(
				Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(b"OTHER"), H256::zero()),
				Error::<Test>::LotNotFound
			);
			assert_noop!(
				Pallet::recall_lot(signed(INSPECTOR), code(OTHER_GTIN), code(LOT), H256::zero()),
				Error::<Test>::ProductNotFound
			);
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_noop!(
				Pallet::recall_lot(signed(MAKER_STAFF), code(GTIN), code(LOT), H256::zero()),
				Error::<Test>::AlreadyRecalled
			);
		});
	}

	#[test]
	fn a_suspect_unit_is_quarantined_then_cleared_or_found_illegitimate() {
		ExtBuilder::default().build_and_execute(|| {
			case_at_wholesaler();
			// S3 stayed at the maker, its holder.
			assert_ok!(Pallet::report_suspect(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"S3"),
				H256::repeat_byte(2),
				None
			));
			assert_eq!(verify("S3"), UnitVerification::Suspect);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S3")]),
				Error::<Test>::UnitSuspect
			);
			assert_ok!(Pallet::resolve_suspect(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"S3"),
				false
			));
			assert!(matches!(verify("S3"), UnitVerification::Genuine { .. }));
			assert_ok!(Pallet::report_suspect(
				signed(INSPECTOR),
				code(GTIN),
				code(b"S1"),
				H256::zero(),
				None
			));
			assert_ok!(Pallet::resolve_suspect(signed(INSPECTOR), code(GTIN), code(b"S1"), true));
			assert_eq!(
				last_event(),
				Event::SuspectResolved {
					gtin: gtin(),
					serial: BoundedVec::truncate_from(b"S1".to_vec()),
					illegitimate: true,
					org: REGULATOR,
					by: INSPECTOR
				}
			);
			assert_eq!(verify("S1"), UnitVerification::Illegitimate);
			// Illegitimate comes before Recalled.
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_eq!(verify("S1"), UnitVerification::Illegitimate);
		});
	}

	#[test]
	fn suspect_errors() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::report_suspect(
					signed(LAB_STAFF),
					code(GTIN),
					code(b"S1"),
					H256::zero(),
					None
				),
				Error::<Test>::NotTradingPartner
			);
			assert_noop!(
				Pallet::report_suspect(
					signed(PHARMACIST),
					code(GTIN),
					code(b"S9"),
					H256::zero(),
					None
				),
				Error::<Test>::UnitNotFound
			);
			assert_noop!(
				Pallet::resolve_suspect(signed(MAKER_STAFF), code(GTIN), code(b"S1"), false),
				Error::<Test>::UnitNotSuspect
			);
			assert_noop!(
				Pallet::report_suspect(
					signed(PHARMACIST),
					code(GTIN),
					code(b"S1"),
					H256::zero(),
					None
				),
				Error::<Test>::NotRelatedToUnit
			);
			assert_ok!(Pallet::report_suspect(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"S1"),
				H256::zero(),
				None
			));
			assert_noop!(
				Pallet::report_suspect(
					signed(MAKER_STAFF),
					code(GTIN),
					code(b"S1"),
					H256::zero(),
					None
				),
				Error::<Test>::UnitSuspect
			);
			assert_noop!(
				Pallet::resolve_suspect(signed(PHARMACIST), code(GTIN), code(b"S1"), true),
				Error::<Test>::NotManufacturerOrRegulator
			);
		});
	}
}

mod answers {
	use super::*;

	#[test]
	fn verify_unit_gives_one_answer_per_scan() {
		ExtBuilder::default().build_and_execute(|| {
			case_at_wholesaler();
			assert_eq!(
				verify("S1"),
				UnitVerification::Genuine {
					holder: Custody::Held(WHOLESALER),
					status: UnitStatus::Active
				}
			);
			assert_eq!(verify("FORGED"), UnitVerification::UnknownSerial);
			assert_eq!(
				Pallet::verify_unit(b"bad", b"S1", LOT, EXPIRY),
				UnitVerification::UnknownSerial
			);
			assert_eq!(
				Pallet::verify_unit(GTIN, b"S1", b"L2026B", EXPIRY),
				UnitVerification::LotMismatch
			);
			assert_eq!(
				Pallet::verify_unit(GTIN, b"S1", LOT, b"271231"),
				UnitVerification::ExpiryMismatch
			);
		});
	}

	#[test]
	fn trace_shows_every_hop_including_container_moves() {
		ExtBuilder::default().build_and_execute(|| {
			case_at_wholesaler();
			let to_pharmacy = NextShipmentId::<Test>::get();
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), to_pharmacy));
			assert_ok!(Pallet::unpack(signed(PHARMACIST), code(CASE)));
			assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")));
			let case = Some(sscc(CASE));
			let steps: Vec<(Movement, Option<Sscc>)> =
				one_page("S1").into_iter().map(|s| (s.movement, s.via)).collect();
			assert_eq!(
				steps,
				vec![
					(Movement::Commissioned { org: MAKER }, None),
					(Movement::Packed { into: sscc(CASE) }, None),
					(Movement::Shipped { shipment: 0, from: MAKER, to: WHOLESALER }, case),
					(Movement::Received { shipment: 0, by: WHOLESALER }, case),
					(Movement::Shipped { shipment: 1, from: WHOLESALER, to: PHARMACY }, case),
					(Movement::Received { shipment: 1, by: PHARMACY }, case),
					(Movement::Opened, case),
					(Movement::Unpacked { from: sscc(CASE) }, None),
					(Movement::Dispensed { by: PHARMACY }, None),
				]
			);
			assert_eq!(Pallet::trace(GTIN, b"NOPE", None, 100), empty_page());
		});
	}
}

/// S1 from the factory to a patient through nested containers and back into a case:
/// S1 and S2 in CASE; CASE and S3 in PALLET, shipped to the wholesaler and opened there; CASE
/// repacked into W_PALLET, shipped to the pharmacy, both opened; S1 packed into P_CASE, reported
/// suspect and cleared while inside, then unpacked and dispensed.
fn nested_journey() {
	with_units();
	assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1"), unit("S2")])));
	assert_ok!(Pallet::pack(
		signed(MAKER_STAFF),
		code(PALLET),
		items(vec![container(CASE), unit("S3")])
	));
	assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]));
	assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
	assert_ok!(Pallet::unpack(signed(WHOLESALER_STAFF), code(PALLET)));
	assert_ok!(Pallet::pack(
		signed(WHOLESALER_STAFF),
		code(W_PALLET),
		items(vec![container(CASE)])
	));
	assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(W_PALLET)]));
	assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
	assert_ok!(Pallet::unpack(signed(PHARMACIST), code(W_PALLET)));
	assert_ok!(Pallet::unpack(signed(PHARMACIST), code(CASE)));
	assert_ok!(Pallet::pack(signed(PHARMACIST), code(P_CASE), items(vec![unit("S1")])));
	assert_ok!(Pallet::report_suspect(
		signed(PHARMACIST),
		code(GTIN),
		code(b"S1"),
		H256::zero(),
		None
	));
	assert_ok!(Pallet::resolve_suspect(signed(INSPECTOR), code(GTIN), code(b"S1"), false));
	assert_ok!(Pallet::unpack(signed(PHARMACIST), code(P_CASE)));
	assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")));
}

mod trace_pages {
	use super::*;
	use crate::trace::TRACE_READS;

	/// The trace as it was before paging (version 1 of `ProvenanceApi::trace`): walk the
	/// unit's history and, at each `Packed` entry, the container's history from where the item
	/// went in up to its `Opened` entry, found by scanning ahead.
	fn unpaged_trace(serial: &str) -> Vec<TraceStep> {
		fn collect(
			item: &Item,
			from: u32,
			until: u32,
			via: Option<Sscc>,
			depth: u8,
			steps: &mut Vec<TraceStep>,
		) {
			for seq in from..until {
				let Some(entry) = History::<Test>::get(item, seq) else { continue };
				steps.push(TraceStep { movement: entry.movement, at: entry.at, via });
				if let (Movement::Packed { into }, Some(next_depth)) =
					(entry.movement, depth.checked_sub(1))
				{
					let container = Item::Container(into);
					let end = Containers::<Test>::get(into).map_or(0, |c| c.events);
					let stop = (entry.container_seq..end)
						.find(|s| {
							History::<Test>::get(&container, s)
								.is_some_and(|e| e.movement == Movement::Opened)
						})
						.map_or(end, |s| s + 1);
					collect(&container, entry.container_seq, stop, Some(into), next_depth, steps);
				}
			}
		}
		let serial: Serial = BoundedVec::truncate_from(serial.as_bytes().to_vec());
		let unit = Units::<Test>::get(gtin(), &serial).unwrap();
		let mut steps = Vec::new();
		collect(
			&Item::Unit { gtin: gtin(), serial },
			0,
			unit.events,
			None,
			MaxDepth::get(),
			&mut steps,
		);
		steps
	}

	/// The most storage reads a page of `steps` steps may make.
	fn read_bound(steps: usize) -> u32 {
		steps as u32 + 2 * u32::from(MaxDepth::get()) + 3
	}

	/// Every page of the unit's trace with `limit`, checking each page's length and reads;
	/// their steps, concatenated.
	fn paged(serial: &str, limit: u32) -> Vec<TraceStep> {
		let mut steps = Vec::new();
		let mut cursor = None;
		for _ in 0..1_000 {
			TRACE_READS.with(|r| r.set(0));
			let page = Pallet::trace(GTIN, serial.as_bytes(), cursor, limit);
			let reads = TRACE_READS.with(|r| r.get());
			assert!(page.steps.len() as u32 <= limit.min(MAX_TRACE_PAGE), "page too long");
			assert!(
				reads <= read_bound(page.steps.len()),
				"{reads} reads for a page of {} steps",
				page.steps.len()
			);
			let Some(next) = page.next else {
				steps.extend(page.steps);
				return steps;
			};
			assert!(!page.steps.is_empty(), "a page that continues makes progress");
			assert!(next.levels.len() <= Pallet::trace_levels());
			steps.extend(page.steps);
			cursor = Some(next);
		}
		panic!("the trace never ends");
	}

	fn serial(s: &str) -> Serial {
		BoundedVec::truncate_from(s.as_bytes().to_vec())
	}

	fn cursor(s: &str, levels: Vec<u32>) -> TraceCursor {
		TraceCursor { gtin: gtin(), serial: serial(s), levels: BoundedVec::truncate_from(levels) }
	}

	/// An SSCC of the maker's prefix with serial reference `n`.
	/// Case `n` of the organisation's company prefix.
	fn case_code(org: OrgId, n: u32) -> Vec<u8> {
		let prefix = if org == MAKER { "0614141" } else { "0700001" };
		let body = format!("0{prefix}{n:09}");
		let check = gs1::check_digit(body.as_bytes());
		format!("{body}{check}").into_bytes()
	}

	/// S1 through seven cases in turn, each shipped back and forth seven times (a full
	/// history) and opened: a chain of 119 steps.
	fn cycled_through_full_cases() {
		with_units();
		let mut here = (MAKER_STAFF, MAKER);
		let mut there = (WHOLESALER_STAFF, WHOLESALER);
		for k in 0..7 {
			let case = case_code(here.1, 100 + k);
			assert_ok!(Pallet::pack(signed(here.0), code(&case), items(vec![unit("S1")])));
			for _ in 0..7 {
				assert_ok!(ship(here.0, there.1, vec![container(&case)]));
				assert_ok!(Pallet::receive(signed(there.0), last_shipment()));
				core::mem::swap(&mut here, &mut there);
			}
			assert_ok!(Pallet::unpack(signed(here.0), code(&case)));
		}
	}

	#[test]
	fn a_nested_journey_traces_through_every_container_level() {
		ExtBuilder::default().build_and_execute(|| {
			nested_journey();
			let (case, pallet, pallet_2, case_2) =
				(sscc(CASE), sscc(PALLET), sscc(W_PALLET), sscc(P_CASE));
			let steps: Vec<(Movement, Option<Sscc>)> =
				one_page("S1").into_iter().map(|s| (s.movement, s.via)).collect();
			assert_eq!(
				steps,
				vec![
					(Movement::Commissioned { org: MAKER }, None),
					(Movement::Packed { into: case }, None),
					(Movement::Packed { into: pallet }, Some(case)),
					(Movement::Shipped { shipment: 0, from: MAKER, to: WHOLESALER }, Some(pallet)),
					(Movement::Received { shipment: 0, by: WHOLESALER }, Some(pallet)),
					(Movement::Opened, Some(pallet)),
					(Movement::Unpacked { from: pallet }, Some(case)),
					(Movement::Packed { into: pallet_2 }, Some(case)),
					(
						Movement::Shipped { shipment: 1, from: WHOLESALER, to: PHARMACY },
						Some(pallet_2)
					),
					(Movement::Received { shipment: 1, by: PHARMACY }, Some(pallet_2)),
					(Movement::Opened, Some(pallet_2)),
					(Movement::Unpacked { from: pallet_2 }, Some(case)),
					(Movement::Opened, Some(case)),
					(Movement::Unpacked { from: case }, None),
					(Movement::Packed { into: case_2 }, None),
					(Movement::Opened, Some(case_2)),
					(Movement::ReportedSuspect { by: PHARMACY }, None),
					(Movement::Resolved { illegitimate: false }, None),
					(Movement::Unpacked { from: case_2 }, None),
					(Movement::Dispensed { by: PHARMACY }, None),
				]
			);
		});
	}

	#[test]
	fn pages_of_any_size_add_up_to_the_unpaged_trace() {
		ExtBuilder::default().build_and_execute(|| {
			nested_journey();
			for serial in ["S1", "S2", "S3"] {
				let whole = one_page(serial);
				assert_eq!(whole, unpaged_trace(serial), "{serial}: one page is the old trace");
				for limit in [1, 2, 3, 100] {
					assert_eq!(paged(serial, limit), whole, "{serial} in pages of {limit}");
				}
			}
		});
	}

	#[test]
	fn a_long_chain_is_paged_and_the_limit_is_capped() {
		ExtBuilder::default().build_and_execute(|| {
			cycled_through_full_cases();
			let whole = unpaged_trace("S1");
			assert_eq!(whole.len(), 119);
			let first = Pallet::trace(GTIN, b"S1", None, u32::MAX);
			assert_eq!(first.steps.len() as u32, MAX_TRACE_PAGE);
			assert!(first.next.is_some());
			for limit in [1, 2, 3, 7, 100, u32::MAX] {
				assert_eq!(paged("S1", limit), whole, "pages of {limit}");
			}
		});
	}

	#[test]
	fn a_page_reads_what_it_returns_and_a_constant_more() {
		ExtBuilder::default().build_and_execute(|| {
			cycled_through_full_cases();
			// The unpaged walk read every container's history twice (once to find where it
			// was opened); a full page reads its 100 entries and a few more.
			TRACE_READS.with(|r| r.set(0));
			let page = Pallet::trace(GTIN, b"S1", None, 100);
			assert_eq!(page.steps.len(), 100);
			let reads = TRACE_READS.with(|r| r.get());
			assert!((100..=read_bound(100)).contains(&reads), "{reads} reads");
			// Resuming deep inside a case re-reads one entry per level, not the steps before.
			let next = page.next.unwrap();
			assert_eq!(next.levels.len(), 2, "the page ended inside a case");
			TRACE_READS.with(|r| r.set(0));
			let rest = Pallet::trace(GTIN, b"S1", Some(next), 1);
			assert_eq!(rest.steps.len(), 1);
			assert!(TRACE_READS.with(|r| r.get()) <= read_bound(1));
		});
	}

	#[test]
	fn the_last_page_says_the_chain_is_complete() {
		ExtBuilder::default().build_and_execute(|| {
			nested_journey();
			let len = one_page("S1").len() as u32;
			assert_eq!(Pallet::trace(GTIN, b"S1", None, len).next, None);
			assert!(Pallet::trace(GTIN, b"S1", None, len - 1).next.is_some());
			// A limit of 0 returns nothing and leaves the cursor where it was.
			let none = Pallet::trace(GTIN, b"S1", None, 0);
			assert!(none.steps.is_empty());
			assert_eq!(none.next, Some(cursor("S1", vec![0])));
		});
	}

	#[test]
	fn a_foreign_unknown_or_malformed_cursor_gives_an_empty_page() {
		ExtBuilder::default().build_and_execute(|| {
			nested_journey();
			let s2_cursor = Pallet::trace(GTIN, b"S2", None, 3).next.unwrap();
			assert_eq!(Pallet::trace(GTIN, b"S1", Some(s2_cursor.clone()), 3), empty_page());
			assert_eq!(Pallet::trace(GTIN, b"NOPE", Some(s2_cursor), 3), empty_page());
			assert_eq!(Pallet::trace(b"bad", b"S1", None, 3), empty_page());
			assert_eq!(Pallet::trace(GTIN, b"S 1", None, 3), empty_page());
			let malformed = [
				// No level.
				vec![],
				// More levels than the unit and `MaxDepth` containers.
				vec![1, 1, 1, 1],
				// Entry 0 (Commissioned) is not a `Packed` entry to descend from.
				vec![0, 1],
				// No entry 99 to descend from.
				vec![99, 1],
				// The case's history before S1 went in (at entry 1).
				vec![1, 0],
				// Nested: the case's entry 2 (Unpacked) is not a `Packed` entry.
				vec![1, 2, 1],
			];
			for levels in malformed {
				let page = Pallet::trace(GTIN, b"S1", Some(cursor("S1", levels.clone())), 3);
				assert_eq!(page, empty_page(), "levels {levels:?}");
			}
			// A position past the end of a history is no error: the level is done and the walk
			// goes on above it (here: nothing more, or S1's own history after the case).
			for levels in [vec![u32::MAX], vec![99]] {
				let page = Pallet::trace(GTIN, b"S1", Some(cursor("S1", levels.clone())), 3);
				assert_eq!(page, empty_page(), "levels {levels:?}");
			}
			let page = Pallet::trace(GTIN, b"S1", Some(cursor("S1", vec![1, u32::MAX])), 1);
			assert_eq!(page.steps[0].movement, Movement::Unpacked { from: sscc(CASE) });
		});
	}
}

mod deposits {
	use super::*;
	use frame_support::traits::{fungible::InspectHold, Footprint};

	/// What `who` holds as storage deposit in this pallet.
	fn held(who: u64) -> u64 {
		Balances::balance_on_hold(&DepositReason::get(), &who)
	}

	/// `who`'s footprint in the ledger (items, bytes).
	fn footprint(who: u64) -> Option<(u64, u64)> {
		Deposits::<Test>::get(who).map(|d| (d.footprint.count, d.footprint.size))
	}

	fn entry() -> u64 {
		Pallet::history_entry_bytes()
	}

	/// `who`'s held deposit grows by `items` items of `bytes` bytes across `f`.
	fn holds(who: u64, items: u64, bytes: u64, f: impl FnOnce()) {
		let (count, size) = footprint(who).unwrap_or((0, 0));
		let before = held(who);
		f();
		assert_eq!(held(who), before + deposit_for(items, bytes), "account {who}");
		assert_eq!(footprint(who), Some((count + items, size + bytes)), "account {who}");
	}

	#[test]
	fn item_sizes_come_from_the_stored_types() {
		ExtBuilder::default().build_and_execute(|| {
			// GTIN 14; product: org 4 + name (compact length 1 + 32).
			assert_eq!(Pallet::product_bytes(), 14 + 4 + 33);
			// GTIN 14, lot 21; lot info: expiry 6 + moment 8 + optional hash 33.
			assert_eq!(Pallet::lot_bytes(), 14 + 21 + 47);
			// Item (tag + GTIN + serial) 36, sequence 4, entry (movement 19, moment 8, seq 4).
			assert_eq!(entry(), 36 + 4 + 31);
			// GTIN 14, serial 21; unit: lot 21, status 2, parent 19, custody 9, last_from 5,
			// events 4; its first entry.
			assert_eq!(Pallet::unit_bytes(), 14 + 21 + 60 + 71);
			// SSCC 18; container: parent 19, opened 1, custody 9, last_from 5, depth 1,
			// children 4, events 4, expiry 9; its lot set: SSCC 18, 4 lots (1 + 4 × (14 + 21));
			// its first entry.
			assert_eq!(Pallet::container_bytes(), 18 + 52 + 18 + 141 + 71);
			// Id 8; shipment: from 4, to 4, 10 items (1 + 10 × 36), hash 32, received 1.
			assert_eq!(Pallet::shipment_bytes(), 8 + 4 + 4 + 361 + 32 + 1);
		});
	}

	#[test]
	fn registering_a_product_holds_its_deposit_from_the_signer() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(footprint(MAKER_STAFF), None);
			holds(MAKER_STAFF, 1, Pallet::product_bytes(), || {
				assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			});
			assert_eq!(
				Deposits::<Test>::get(MAKER_STAFF).unwrap().footprint,
				Footprint { count: 1, size: Pallet::product_bytes() }
			);
		});
	}

	/// M-14: 1,000 units in one call used to cost a fee only.
	#[test]
	fn commissioning_a_thousand_units_holds_a_deposit_for_each() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			let thousand: Vec<String> = (0..1_000).map(|n| format!("S{n}")).collect();
			let thousand: Vec<&str> = thousand.iter().map(String::as_str).collect();
			holds(
				MAKER_STAFF,
				1_000 + 1,
				1_000 * Pallet::unit_bytes() + Pallet::lot_bytes(),
				|| {
					assert_ok!(Pallet::commission_units(
						signed(MAKER_STAFF),
						code(GTIN),
						code(LOT),
						code(EXPIRY),
						serials(&thousand)
					));
				},
			);
			// More of the same lot: the units only.
			holds(MAKER_STAFF, 2, 2 * Pallet::unit_bytes(), || {
				assert_ok!(Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(LOT),
					code(EXPIRY),
					serials(&["X1", "X2"])
				));
			});
			// Another practitioner of the maker pays for what they commission.
			assert_eq!(held(OTHER_MAKER_STAFF), 0);
		});
	}

	#[test]
	fn packing_holds_for_a_new_container_and_every_entry_it_appends() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			// A new case with its first entry, and S1's and S2's `Packed` entries.
			holds(MAKER_STAFF, 1 + 2, Pallet::container_bytes() + 2 * entry(), || {
				assert_ok!(Pallet::pack(
					signed(MAKER_STAFF),
					code(CASE),
					items(vec![unit("S1"), unit("S2")])
				));
			});
			// Into the existing case: S3's entry only.
			holds(MAKER_STAFF, 1, entry(), || {
				assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S3")])));
			});
			// The case into a new pallet: the pallet and the case's entry.
			holds(MAKER_STAFF, 2, Pallet::container_bytes() + entry(), || {
				assert_ok!(Pallet::pack(
					signed(MAKER_STAFF),
					code(PALLET),
					items(vec![container(CASE)])
				));
			});
			// Opening the pallet: its `Opened` entry.
			holds(MAKER_STAFF, 1, entry(), || {
				assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(PALLET)));
			});
			// The case, loose in the opened pallet, into a new pallet: the new pallet and the
			// case's `Unpacked` and `Packed` entries.
			holds(MAKER_STAFF, 3, Pallet::container_bytes() + 2 * entry(), || {
				assert_ok!(Pallet::pack(
					signed(MAKER_STAFF),
					code(PALLET_2),
					items(vec![container(CASE)])
				));
			});
		});
	}

	#[test]
	fn each_move_holds_for_its_shipment_and_entries_from_its_signer() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			// The shipment and the case's and S2's `Shipped` entries.
			holds(MAKER_STAFF, 3, Pallet::shipment_bytes() + 2 * entry(), || {
				assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE), unit("S2")]));
			});
			// The receiver pays for the two `Received` entries.
			holds(WHOLESALER_STAFF, 2, 2 * entry(), || {
				assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			});
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(CASE), unit("S2")]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			holds(PHARMACIST, 1, entry(), || {
				assert_ok!(Pallet::unpack(signed(PHARMACIST), code(CASE)));
			});
			// S1 is detached from the opened case on the way: `Unpacked` and `Dispensed`.
			holds(PHARMACIST, 2, 2 * entry(), || {
				assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")));
			});
			// A saleable return: a shipment and S2's `Shipped` entry.
			holds(PHARMACIST, 2, Pallet::shipment_bytes() + entry(), || {
				assert_ok!(Pallet::return_unit(signed(PHARMACIST), code(GTIN), code(b"S2")));
			});
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			holds(WHOLESALER_STAFF, 1, entry(), || {
				assert_ok!(Pallet::decommission(
					signed(WHOLESALER_STAFF),
					code(GTIN),
					code(b"S2"),
					DecommissionReason::Damaged
				));
			});
		});
	}

	#[test]
	fn suspect_reports_and_rulings_hold_from_whoever_signs_them() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			holds(MAKER_STAFF, 1, entry(), || {
				assert_ok!(Pallet::report_suspect(
					signed(MAKER_STAFF),
					code(GTIN),
					code(b"S1"),
					H256::zero(),
					None
				));
			});
			holds(INSPECTOR, 1, entry(), || {
				assert_ok!(Pallet::resolve_suspect(
					signed(INSPECTOR),
					code(GTIN),
					code(b"S1"),
					false
				));
			});
		});
	}

	#[test]
	fn a_recall_stores_nothing_new_and_holds_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_eq!(held(INSPECTOR), 0);
			assert_eq!(footprint(INSPECTOR), None);
		});
	}

	/// Histories, shipments and opened containers are the permanent provenance record: nothing
	/// is removed, so every deposit stays held, and the ledger counts every stored item.
	#[test]
	fn the_ledger_counts_every_stored_item_and_nothing_is_released() {
		ExtBuilder::default().build_and_execute(|| {
			nested_journey();
			let opened_before = held(PHARMACIST);
			assert!(Containers::<Test>::get(sscc(P_CASE)).unwrap().opened);
			let ledger: Vec<(u64, Footprint)> =
				Deposits::<Test>::iter().map(|(who, d)| (who, d.footprint)).collect();
			let counted: u64 = ledger.iter().map(|(_, f)| f.count).sum();
			let stored = Products::<Test>::iter().count()
				+ Lots::<Test>::iter().count()
				+ Shipments::<Test>::iter().count()
				+ History::<Test>::iter().count();
			assert_eq!(counted, stored as u64);
			for (who, f) in ledger {
				assert_eq!(held(who), deposit_for(f.count, f.size), "account {who}");
			}
			assert_eq!(held(PHARMACIST), opened_before);
		});
	}

	#[test]
	fn a_signer_who_cannot_hold_the_deposit_stores_nothing() {
		ExtBuilder::default()
			.with_balance(POOR, EXISTENTIAL_DEPOSIT)
			.with_balance(POOR_PHARMACIST, EXISTENTIAL_DEPOSIT)
			.build_and_execute(|| {
				assert_noop!(
					Pallet::register_product(signed(POOR), code(GTIN), name()),
					Error::<Test>::DepositUnavailable
				);
				with_units();
				assert_noop!(
					Pallet::commission_units(
						signed(POOR),
						code(GTIN),
						code(LOT),
						code(EXPIRY),
						serials(&["P1"])
					),
					Error::<Test>::DepositUnavailable
				);
				assert_noop!(
					Pallet::pack(signed(POOR), code(CASE), items(vec![unit("S1")])),
					Error::<Test>::DepositUnavailable
				);
				assert_noop!(
					ship(POOR, WHOLESALER, vec![unit("S1")]),
					Error::<Test>::DepositUnavailable
				);
				assert_noop!(
					Pallet::report_suspect(
						signed(POOR),
						code(GTIN),
						code(b"S1"),
						H256::zero(),
						None
					),
					Error::<Test>::DepositUnavailable
				);
				assert_ok!(Pallet::report_suspect(
					signed(MAKER_STAFF),
					code(GTIN),
					code(b"S1"),
					H256::zero(),
					None
				));
				assert_noop!(
					Pallet::resolve_suspect(signed(POOR), code(GTIN), code(b"S1"), false),
					Error::<Test>::DepositUnavailable
				);
				assert_noop!(
					Pallet::decommission(
						signed(POOR),
						code(GTIN),
						code(b"S2"),
						DecommissionReason::Damaged
					),
					Error::<Test>::DepositUnavailable
				);
				assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])));
				assert_noop!(
					Pallet::unpack(signed(POOR), code(CASE)),
					Error::<Test>::DepositUnavailable
				);
				// S3 to the pharmacy through the wholesaler; the case to the wholesaler and back.
				assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S3"), container(CASE)]));
				assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
				assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![unit("S3")]));
				assert_noop!(
					Pallet::receive(signed(POOR_PHARMACIST), last_shipment()),
					Error::<Test>::DepositUnavailable
				);
				assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
				assert_noop!(
					Pallet::dispense(signed(POOR_PHARMACIST), code(GTIN), code(b"S3")),
					Error::<Test>::DepositUnavailable
				);
				assert_noop!(
					Pallet::return_unit(signed(POOR_PHARMACIST), code(GTIN), code(b"S3")),
					Error::<Test>::DepositUnavailable
				);
				assert_ok!(ship(WHOLESALER_STAFF, MAKER, vec![container(CASE)]));
				assert_noop!(
					Pallet::receive(signed(POOR), last_shipment()),
					Error::<Test>::DepositUnavailable
				);
				assert_eq!(footprint(POOR), None);
				assert_eq!(footprint(POOR_PHARMACIST), None);
				assert_eq!(Balances::free_balance(POOR), EXISTENTIAL_DEPOSIT);
			});
	}

	#[test]
	fn a_failing_call_holds_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			let before = (held(MAKER_STAFF), footprint(MAKER_STAFF));
			// S1 is checked and written before S9 turns out unknown.
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1"), unit("S9")])),
				Error::<Test>::UnitNotFound
			);
			assert_noop!(
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(LOT),
					code(EXPIRY),
					serials(&["N1", "S1"])
				),
				Error::<Test>::SerialAlreadyCommissioned
			);
			assert_eq!((held(MAKER_STAFF), footprint(MAKER_STAFF)), before);
		});
	}
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::Hooks;
		<Pallet as Hooks<u64>>::integrity_test();
	});
}

mod gs1_vectors;
mod hardening;
