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
const OTHER_GTIN: &[u8] = b"10614141999993";
const CASE: &[u8] = b"006141410000000012";
const CASE_2: &[u8] = b"006141410000000029";
const PALLET: &[u8] = b"006141410000000036";
const PALLET_2: &[u8] = b"006141410000000043";
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

fn name() -> BoundedVec<u8, ConstU32<32>> {
	BoundedVec::truncate_from(b"Product".to_vec())
}

mod gs1_validation {
	use super::*;

	#[test]
	fn real_world_codes_are_accepted_and_each_defect_has_its_error() {
		ExtBuilder.build_and_execute(|| {
			let register =
				|g: &[u8]| Pallet::register_product(signed(MAKER_STAFF), code(g), name());
			assert_noop!(register(b"0061414112345"), Error::<Test>::GtinFormat);
			assert_noop!(register(b"0061414112345X"), Error::<Test>::GtinFormat);
			assert_noop!(register(b"00614141123453"), Error::<Test>::GtinCheckDigit);
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
			assert_noop!(commission(b"", EXPIRY, "S1"), Error::<Test>::LotFormat);
			assert_noop!(commission(b"LOT 1", EXPIRY, "S1"), Error::<Test>::LotFormat);
			assert_noop!(
				commission(b"123456789012345678901", EXPIRY, "S1"),
				Error::<Test>::LotFormat
			);
			assert_noop!(commission(LOT, b"2712", "S1"), Error::<Test>::ExpiryFormat);
			assert_noop!(commission(LOT, b"27120A", "S1"), Error::<Test>::ExpiryFormat);
			assert_noop!(commission(LOT, b"271301", "S1"), Error::<Test>::ExpiryDate);
			assert_noop!(commission(LOT, b"270230", "S1"), Error::<Test>::ExpiryDate);
			assert_noop!(commission(LOT, EXPIRY, "S 1"), Error::<Test>::SerialFormat);
			assert_noop!(commission(LOT, EXPIRY, ""), Error::<Test>::SerialFormat);
			assert_ok!(commission(b"2026-11/A", b"280229", "AB!%&()*+,-./:;<=>?_"));
			assert_noop!(
				Pallet::pack(
					signed(MAKER_STAFF),
					code(b"00614141000000001"),
					items(vec![unit("S1")])
				),
				Error::<Test>::SsccFormat
			);
			assert_noop!(
				Pallet::pack(
					signed(MAKER_STAFF),
					code(b"006141410000000013"),
					items(vec![unit("S1")])
				),
				Error::<Test>::SsccCheckDigit
			);
		});
	}
}

mod products_and_commissioning {
	use super::*;

	#[test]
	fn a_manufacturer_registers_a_product_and_commissions_a_thousand_units_in_one_call() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			assert_eq!(last_event(), Event::ProductRegistered { gtin: gtin(), org: MAKER });
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
					count: 1_000
				}
			);
			assert_eq!(Units::<Test>::iter_prefix(gtin()).count(), 1_000);
			assert_eq!(holder("SN000999"), Custody::Held(MAKER));
		});
	}

	#[test]
	fn register_product_errors() {
		ExtBuilder.build_and_execute(|| {
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
				Error::<Test>::NameEmpty
			);
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			assert_noop!(
				Pallet::register_product(signed(OTHER_MAKER_STAFF), code(GTIN), name()),
				Error::<Test>::ProductExists
			);
			assert_noop!(
				Pallet::register_product(RuntimeOrigin::none(), code(GTIN), name()),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn commission_units_errors() {
		ExtBuilder.build_and_execute(|| {
			let commission = |who, g: &[u8], list: &[&str]| {
				Pallet::commission_units(
					signed(who),
					code(g),
					code(LOT),
					code(EXPIRY),
					serials(list),
				)
			};
			assert_noop!(commission(MAKER_STAFF, GTIN, &["S1"]), Error::<Test>::UnknownProduct);
			with_units();
			assert_noop!(commission(MAKER_STAFF, GTIN, &[]), Error::<Test>::NoSerials);
			assert_noop!(
				commission(OTHER_MAKER_STAFF, GTIN, &["S9"]),
				Error::<Test>::NotProductOwner
			);
			assert_noop!(commission(MAKER_STAFF, GTIN, &["S1"]), Error::<Test>::SerialExists);
			assert_noop!(commission(MAKER_STAFF, GTIN, &["S8", "S8"]), Error::<Test>::SerialExists);
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
		ExtBuilder.build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(CASE),
				items(vec![unit("S1"), unit("S2")])
			));
			assert_eq!(last_event(), Event::Packed { sscc: sscc(CASE), items: 2, org: MAKER });
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
			let shipment = last_shipment();
			assert_eq!(last_event(), Event::Shipped { shipment, from: MAKER, to: WHOLESALER });
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
			assert_eq!(last_event(), Event::Received { shipment, by: WHOLESALER });
			assert_eq!(holder("S2"), Custody::Held(WHOLESALER));
		});
	}

	#[test]
	fn shipping_a_packed_unit_alone_is_refused() {
		ExtBuilder.build_and_execute(|| {
			case_at_wholesaler();
			assert_noop!(
				ship(WHOLESALER_STAFF, PHARMACY, vec![unit("S1")]),
				Error::<Test>::InsideContainer
			);
			assert_noop!(
				Pallet::pack(signed(WHOLESALER_STAFF), code(CASE_2), items(vec![unit("S1")])),
				Error::<Test>::InsideContainer
			);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")),
				Error::<Test>::InsideContainer
			);
		});
	}

	#[test]
	fn nested_containers_move_as_one_and_open_level_by_level() {
		ExtBuilder.build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(PALLET),
				items(vec![container(CASE), unit("S3")])
			));
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET_2), items(vec![container(PALLET)])),
				Error::<Test>::TooDeep
			);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]),
				Error::<Test>::InsideContainer
			);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			assert_eq!(holder("S1"), Custody::Held(WHOLESALER));
			// Opening the pallet frees the case (still sealed) and the loose unit.
			assert_ok!(Pallet::unpack(signed(WHOLESALER_STAFF), code(PALLET)));
			assert_eq!(last_event(), Event::Unpacked { sscc: sscc(PALLET), org: WHOLESALER });
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
		ExtBuilder.build_and_execute(|| {
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
				Error::<Test>::InsideContainer
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
		ExtBuilder.build_and_execute(|| {
			with_units();
			let pack = |who, sscc: &[u8], list| Pallet::pack(signed(who), code(sscc), items(list));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![]), Error::<Test>::NoItems);
			assert_noop!(
				pack(MAKER_STAFF, CASE, vec![unit("S1"), unit("S1")]),
				Error::<Test>::DuplicateItem
			);
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S9")]), Error::<Test>::UnknownUnit);
			assert_noop!(
				pack(MAKER_STAFF, CASE, vec![container(CASE_2)]),
				Error::<Test>::UnknownContainer
			);
			assert_noop!(pack(WHOLESALER_STAFF, CASE, vec![unit("S1")]), Error::<Test>::NotHolder);
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
				H256::zero()
			));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S3")]), Error::<Test>::UnitSuspect);
			assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(CASE)));
			assert_noop!(pack(MAKER_STAFF, CASE, vec![unit("S1")]), Error::<Test>::ContainerOpened);
		});
	}

	#[test]
	fn unpack_errors() {
		ExtBuilder.build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::unpack(signed(MAKER_STAFF), code(CASE)),
				Error::<Test>::UnknownContainer
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
		ExtBuilder.build_and_execute(|| {
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
			assert_noop!(ship(MAKER_STAFF, WHOLESALER, vec![]), Error::<Test>::NoItems);
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
		ExtBuilder.build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::LotRecalled
			);
		});
		ExtBuilder.build_and_execute(|| {
			with_units();
			// 2028-01-01 00:00 UTC: the first moment after the expiry date.
			set_time(1_830_297_600_000);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::ExpiredProduct
			);
			set_time(1_830_297_599_999);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
		});
	}

	#[test]
	fn expired_or_recalled_product_cannot_be_packed() {
		ExtBuilder.build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])),
				Error::<Test>::LotRecalled
			);
		});
		ExtBuilder.build_and_execute(|| {
			with_units();
			set_time(1_830_297_600_000);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])),
				Error::<Test>::ExpiredProduct
			);
		});
	}

	#[test]
	fn a_case_whose_contents_expired_cannot_be_shipped_or_packed() {
		ExtBuilder.build_and_execute(|| {
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
				Error::<Test>::ExpiredProduct
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET_2), items(vec![container(CASE)])),
				Error::<Test>::ExpiredProduct
			);
		});
		ExtBuilder.build_and_execute(|| {
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
				Error::<Test>::ExpiredProduct
			);
		});
	}

	#[test]
	fn receiving_by_the_wrong_organisation_is_refused() {
		ExtBuilder.build_and_execute(|| {
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
				Error::<Test>::UnknownShipment
			);
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), shipment));
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), shipment),
				Error::<Test>::AlreadyReceived
			);
		});
	}

	#[test]
	fn a_full_history_stops_further_moves() {
		ExtBuilder.build_and_execute(|| {
			with_units();
			// Commissioned + 15 moves fill the test runtime's 16 entries.
			let step = |i: u32| match i % 4 {
				0 => ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				1 => Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()),
				2 => ship(WHOLESALER_STAFF, MAKER, vec![unit("S1")]),
				_ => Pallet::receive(signed(MAKER_STAFF), last_shipment()),
			};
			for i in 0..15 {
				assert_ok!(step(i));
			}
			assert_noop!(step(15), Error::<Test>::HistoryFull);
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
		ExtBuilder.build_and_execute(|| {
			at_pharmacy();
			assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")));
			assert_eq!(
				last_event(),
				Event::Dispensed {
					gtin: gtin(),
					serial: BoundedVec::truncate_from(b"S3".to_vec()),
					by: PHARMACY
				}
			);
			assert_eq!(verify("S3"), UnitVerification::Dispensed);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")),
				Error::<Test>::UnitNotActive
			);
		});
	}

	#[test]
	fn dispensing_expired_product_is_refused() {
		ExtBuilder.build_and_execute(|| {
			at_pharmacy();
			set_time(1_830_297_600_000);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S3")),
				Error::<Test>::ExpiredProduct
			);
			assert_eq!(verify("S3"), UnitVerification::Expired);
		});
	}

	#[test]
	fn dispense_errors() {
		ExtBuilder.build_and_execute(|| {
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
				Error::<Test>::UnknownUnit
			);
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(b"123"), code(b"S3")),
				Error::<Test>::GtinFormat
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
		ExtBuilder.build_and_execute(|| {
			case_at_wholesaler();
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			assert_noop!(
				Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")),
				Error::<Test>::InsideContainer
			);
			assert_ok!(Pallet::unpack(signed(PHARMACIST), code(CASE)));
			assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")));
			assert_eq!(holder("S2"), Custody::Held(PHARMACY));
		});
	}

	#[test]
	fn decommission_takes_a_unit_out() {
		ExtBuilder.build_and_execute(|| {
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
			assert_eq!(verify("S1"), UnitVerification::Decommissioned);
			assert_noop!(
				Pallet::decommission(
					signed(MAKER_STAFF),
					code(GTIN),
					code(b"S1"),
					DecommissionReason::Destroyed
				),
				Error::<Test>::UnitNotActive
			);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::UnitNotActive
			);
		});
	}

	#[test]
	fn a_saleable_return_goes_back_to_the_wholesaler_who_receives_it() {
		ExtBuilder.build_and_execute(|| {
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
				})));
			assert_eq!(holder("S3"), Custody::InTransit(shipment));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), shipment));
			assert_eq!(holder("S3"), Custody::Held(WHOLESALER));
		});
	}

	#[test]
	fn return_unit_errors() {
		ExtBuilder.build_and_execute(|| {
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
		ExtBuilder.build_and_execute(|| {
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
					by: MAKER,
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
		ExtBuilder.build_and_execute(|| {
			with_units();
			for who in [OTHER_MAKER_STAFF, WHOLESALER_STAFF, STRANGER] {
				assert_noop!(
					Pallet::recall_lot(signed(who), code(GTIN), code(LOT), H256::zero()),
					Error::<Test>::NotManufacturerOrRegulator
				);
			}
			assert_noop!(
				Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(b"OTHER"), H256::zero()),
				Error::<Test>::UnknownLot
			);
			assert_noop!(
				Pallet::recall_lot(signed(INSPECTOR), code(OTHER_GTIN), code(LOT), H256::zero()),
				Error::<Test>::UnknownProduct
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
		ExtBuilder.build_and_execute(|| {
			case_at_wholesaler();
			assert_ok!(Pallet::report_suspect(
				signed(WHOLESALER_STAFF),
				code(GTIN),
				code(b"S3"),
				H256::repeat_byte(2)
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
				H256::zero()
			));
			assert_ok!(Pallet::resolve_suspect(signed(INSPECTOR), code(GTIN), code(b"S1"), true));
			assert_eq!(
				last_event(),
				Event::SuspectResolved {
					gtin: gtin(),
					serial: BoundedVec::truncate_from(b"S1".to_vec()),
					illegitimate: true,
					by: REGULATOR
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
		ExtBuilder.build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::report_suspect(signed(LAB_STAFF), code(GTIN), code(b"S1"), H256::zero()),
				Error::<Test>::NotTradingPartner
			);
			assert_noop!(
				Pallet::report_suspect(signed(PHARMACIST), code(GTIN), code(b"S9"), H256::zero()),
				Error::<Test>::UnknownUnit
			);
			assert_noop!(
				Pallet::resolve_suspect(signed(MAKER_STAFF), code(GTIN), code(b"S1"), false),
				Error::<Test>::NotSuspect
			);
			assert_ok!(Pallet::report_suspect(
				signed(PHARMACIST),
				code(GTIN),
				code(b"S1"),
				H256::zero()
			));
			assert_noop!(
				Pallet::report_suspect(signed(PHARMACIST), code(GTIN), code(b"S1"), H256::zero()),
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
		ExtBuilder.build_and_execute(|| {
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
		ExtBuilder.build_and_execute(|| {
			case_at_wholesaler();
			let to_pharmacy = NextShipmentId::<Test>::get();
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), to_pharmacy));
			assert_ok!(Pallet::unpack(signed(PHARMACIST), code(CASE)));
			assert_ok!(Pallet::dispense(signed(PHARMACIST), code(GTIN), code(b"S1")));
			let case = Some(sscc(CASE));
			let steps: Vec<(Movement, Option<Sscc>)> =
				Pallet::trace(GTIN, b"S1").into_iter().map(|s| (s.movement, s.via)).collect();
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
			assert!(Pallet::trace(GTIN, b"NOPE").is_empty());
		});
	}
}

#[test]
fn integrity_test_passes() {
	ExtBuilder.build_and_execute(|| {
		use frame_support::traits::Hooks;
		<Pallet as Hooks<u64>>::integrity_test();
	});
}
