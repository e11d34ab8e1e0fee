//! Hardening II: the audit's provenance findings (H-3, H-4, M-10, M-11, M-12, L-4, L-5), each
//! reproduced as described and then refused.

use super::*;

/// A valid GTIN under a company prefix assigned to nobody.
const UNASSIGNED_GTIN: &[u8] = b"00999999123459";

fn events(serial: &str) -> u32 {
	Units::<Test>::get(gtin(), gs1::serial(serial.as_bytes()).unwrap()).unwrap().events
}

fn status(serial: &str) -> UnitStatus {
	Units::<Test>::get(gtin(), gs1::serial(serial.as_bytes()).unwrap()).unwrap().status
}

fn report(who: u64, serial: &str) -> DispatchResult {
	Pallet::report_suspect(signed(who), code(GTIN), code(serial.as_bytes()), H256::zero(), None)
}

fn rule(serial: &str, illegitimate: bool) -> DispatchResult {
	Pallet::resolve_suspect(signed(INSPECTOR), code(GTIN), code(serial.as_bytes()), illegitimate)
}

/// S1 loose at the wholesaler.
fn unit_at_wholesaler() {
	with_units();
	assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
	assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
}

mod company_prefixes_and_admins {
	use super::*;

	/// AUDIT H-3: a manufacturer's admin (not a practitioner) acts for its organisation.
	#[test]
	fn a_manufacturers_admin_registers_and_commissions() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::register_product(signed(MAKER_ADMIN), code(GTIN), name()));
			assert_eq!(Products::<Test>::get(gtin()).map(|p| p.org), Some(MAKER));
			assert_ok!(Pallet::commission_units(
				signed(MAKER_ADMIN),
				code(GTIN),
				code(LOT),
				code(EXPIRY),
				serials(&["S1"])
			));
			// A wholesaler's admin receives for its organisation.
			assert_ok!(ship(MAKER_ADMIN, WHOLESALER, vec![unit("S1")]));
			assert_ok!(Pallet::receive(signed(WHOLESALER_ADMIN), last_shipment()));
			assert_eq!(holder("S1"), Custody::Held(WHOLESALER));
		});
	}

	/// AUDIT H-3: a manufacturer cannot register a GTIN of another company's prefix, nor one
	/// of a prefix assigned to nobody.
	#[test]
	fn gtin_squatting_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Pallet::register_product(signed(OTHER_MAKER_STAFF), code(GTIN), name()),
				Error::<Test>::NotCompanyPrefixOwner
			);
			assert_noop!(
				Pallet::register_product(signed(MAKER_STAFF), code(OTHER_GTIN), name()),
				Error::<Test>::NotCompanyPrefixOwner
			);
			assert_noop!(
				Pallet::register_product(signed(MAKER_STAFF), code(UNASSIGNED_GTIN), name()),
				Error::<Test>::NotCompanyPrefixOwner
			);
			assert_ok!(Pallet::register_product(
				signed(OTHER_MAKER_STAFF),
				code(OTHER_GTIN),
				name()
			));
			// Once governance assigns the prefix, its owner registers under it.
			assign_prefix(MAKER, b"0999999");
			assert_ok!(Pallet::register_product(
				signed(MAKER_STAFF),
				code(UNASSIGNED_GTIN),
				name()
			));
		});
	}

	/// AUDIT H-3: governance gives a product to another manufacturer.
	#[test]
	fn governance_reassigns_a_product() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::reassign_product(signed(MAKER_STAFF), code(GTIN), OTHER_MAKER),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Pallet::reassign_product(RuntimeOrigin::root(), code(OTHER_GTIN), OTHER_MAKER),
				Error::<Test>::ProductNotFound
			);
			assert_noop!(
				Pallet::reassign_product(RuntimeOrigin::root(), code(GTIN), WHOLESALER),
				Error::<Test>::NotManufacturer
			);
			assert_noop!(
				Pallet::reassign_product(RuntimeOrigin::root(), code(GTIN), MAKER),
				Error::<Test>::AlreadyProductOwner
			);
			assert_ok!(Pallet::reassign_product(RuntimeOrigin::root(), code(GTIN), OTHER_MAKER));
			assert_eq!(
				last_event(),
				Event::ProductReassigned { gtin: gtin(), from: MAKER, to: OTHER_MAKER }
			);
			assert_noop!(
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(LOT),
					code(EXPIRY),
					serials(&["S7"])
				),
				Error::<Test>::NotProductOwner
			);
			assert_ok!(Pallet::commission_units(
				signed(OTHER_MAKER_STAFF),
				code(GTIN),
				code(LOT),
				code(EXPIRY),
				serials(&["S7"])
			));
			assert_ok!(Pallet::recall_lot(
				signed(OTHER_MAKER_STAFF),
				code(GTIN),
				code(LOT),
				H256::zero()
			));
		});
	}

	/// AUDIT H-3: governance withdraws a product: its units verify `Recalled` and stop moving.
	#[test]
	fn governance_revokes_a_product() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_noop!(
				Pallet::revoke_product(signed(INSPECTOR), code(GTIN)),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Pallet::revoke_product(RuntimeOrigin::root(), code(OTHER_GTIN)),
				Error::<Test>::ProductNotFound
			);
			assert_ok!(Pallet::revoke_product(RuntimeOrigin::root(), code(GTIN)));
			assert_eq!(last_event(), Event::ProductRevoked { gtin: gtin(), org: MAKER });
			assert_noop!(
				Pallet::revoke_product(RuntimeOrigin::root(), code(GTIN)),
				Error::<Test>::AlreadyRevoked
			);
			assert_eq!(verify("S1"), UnitVerification::Recalled);
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]),
				Error::<Test>::ProductRevoked
			);
			assert_noop!(
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(LOT),
					code(EXPIRY),
					serials(&["S7"])
				),
				Error::<Test>::ProductRevoked
			);
		});
	}

	/// AUDIT M-10: a partner cannot claim another company's SSCC; its own prefix it may.
	#[test]
	fn sscc_squatting_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			unit_at_wholesaler();
			assert_noop!(
				Pallet::pack(signed(WHOLESALER_STAFF), code(CASE), items(vec![unit("S1")])),
				Error::<Test>::NotCompanyPrefixOwner
			);
			assert_ok!(Pallet::pack(
				signed(WHOLESALER_STAFF),
				code(W_CASE),
				items(vec![unit("S1")])
			));
			// Nobody but its holder opens it.
			assert_noop!(
				Pallet::unpack(signed(MAKER_STAFF), code(W_CASE)),
				Error::<Test>::NotHolder
			);
			// The maker's own SSCC stays free for the maker.
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])));
		});
	}
}

mod long_histories {
	use super::*;

	/// Ships S1 back and forth between the maker and the wholesaler until its history holds
	/// `MaxHistory` (16) entries; the last receipt takes it past. Returns where it ends.
	fn pump_to_the_move_limit() -> (u64, OrgId) {
		let mut here = (MAKER_STAFF, MAKER);
		let mut there = (WHOLESALER_STAFF, WHOLESALER);
		while events("S1") < 16 {
			assert_ok!(ship(here.0, there.1, vec![unit("S1")]));
			assert_ok!(Pallet::receive(signed(there.0), last_shipment()));
			core::mem::swap(&mut here, &mut there);
		}
		here
	}

	/// AUDIT H-4: a unit pumped to the move limit can still be received, quarantined, ruled on
	/// and decommissioned; only its moves are refused.
	#[test]
	fn a_full_history_never_stops_a_status_change() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			let (staff, org) = pump_to_the_move_limit();
			// The shipment that brought it to 16 entries was received: a 17th entry.
			assert_eq!(events("S1"), 17);
			assert_eq!(holder("S1"), Custody::Held(org));
			let other = if org == MAKER { WHOLESALER } else { MAKER };
			assert_noop!(ship(staff, other, vec![unit("S1")]), Error::<Test>::HistoryTooLong);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE_2), items(vec![unit("S1")])),
				if org == MAKER { Error::<Test>::HistoryTooLong } else { Error::<Test>::NotHolder }
			);
			assert_ok!(report(staff, "S1"));
			assert_ok!(rule("S1", false));
			assert_ok!(report(staff, "S1"));
			assert_ok!(rule("S1", false));
			assert_ok!(Pallet::decommission(
				signed(staff),
				code(GTIN),
				code(b"S1"),
				DecommissionReason::Damaged
			));
			assert_eq!(status("S1"), UnitStatus::Decommissioned(DecommissionReason::Damaged));
			assert_eq!(events("S1"), 22);
		});
	}

	/// AUDIT H-4: a unit at the limit can still be ruled illegitimate (it verifies so), and a
	/// shipment at the limit can still be cancelled.
	#[test]
	fn a_full_history_is_still_ruled_illegitimate_and_shipments_still_close() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			let (staff, _) = pump_to_the_move_limit();
			assert_ok!(report(staff, "S1"));
			assert_ok!(rule("S1", true));
			assert_eq!(verify("S1"), UnitVerification::Illegitimate);
			// S2 shipped at 15 entries: its shipment can be cancelled past the bound.
			let mut here = (MAKER_STAFF, MAKER);
			let mut there = (WHOLESALER_STAFF, WHOLESALER);
			while events("S2") < 15 {
				assert_ok!(ship(here.0, there.1, vec![unit("S2")]));
				assert_ok!(Pallet::receive(signed(there.0), last_shipment()));
				core::mem::swap(&mut here, &mut there);
			}
			assert_ok!(ship(here.0, there.1, vec![unit("S2")]));
			assert_ok!(Pallet::cancel_shipment(signed(here.0), last_shipment()));
			assert_eq!(holder("S2"), Custody::Held(here.1));
		});
	}
}

mod suspect_reports {
	use super::*;

	/// AUDIT M-11: an organisation with no relation to a unit cannot quarantine it.
	#[test]
	fn a_stranger_to_the_unit_cannot_report_it() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			// The pharmacy and the wholesaler never had S1: it lies at the maker.
			for who in [PHARMACIST, WHOLESALER_STAFF, OTHER_MAKER_STAFF] {
				assert_noop!(report(who, "S1"), Error::<Test>::NotRelatedToUnit);
			}
		});
	}

	/// AUDIT M-11: the unit's custody chain, its manufacturer and regulators may report it.
	#[test]
	fn the_custody_chain_the_manufacturer_and_regulators_may_report() {
		ExtBuilder::default().build_and_execute(|| {
			unit_at_wholesaler();
			// The holder, the manufacturer, a regulator.
			for who in [WHOLESALER_STAFF, MAKER_STAFF, INSPECTOR] {
				assert_ok!(report(who, "S1"));
				assert_ok!(rule("S1", false));
			}
			// In transit: its sender and its destination.
			assert_ok!(ship(WHOLESALER_STAFF, PHARMACY, vec![unit("S1")]));
			for who in [WHOLESALER_STAFF, PHARMACIST] {
				assert_ok!(report(who, "S1"));
				assert_ok!(rule("S1", false));
			}
			// Received: the wholesaler it last came from (through its containers too).
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			assert_ok!(report(WHOLESALER_STAFF, "S1"));
			assert_ok!(rule("S1", false));
			assert_noop!(report(OTHER_MAKER_STAFF, "S1"), Error::<Test>::NotRelatedToUnit);
			// Sealed in a case: its holder, resolved through the case.
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			assert_noop!(report(PHARMACIST, "S2"), Error::<Test>::NotRelatedToUnit);
			assert_ok!(report(WHOLESALER_STAFF, "S2"));
		});
	}

	/// AUDIT M-11: an earlier custodian (a wholesaler two hops back, which received the unit
	/// sealed in a case) reports it by naming the step where it received it, read at O(1);
	/// without the step, or with another organisation's step, it is refused.
	#[test]
	fn an_earlier_custodian_reports_by_naming_where_it_held_the_unit() {
		ExtBuilder::default().with_second_wholesaler().build_and_execute(|| {
			case_at_wholesaler();
			assert_ok!(ship(WHOLESALER_STAFF, SECOND_WHOLESALER, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(SECOND_WHOLESALER_STAFF), last_shipment()));
			assert_ok!(ship(SECOND_WHOLESALER_STAFF, PHARMACY, vec![container(CASE)]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			// Two hops back: neither holder, nor in the shipment, nor the partner it came from.
			assert_noop!(report(WHOLESALER_STAFF, "S1"), Error::<Test>::NotRelatedToUnit);
			// The step where the wholesaler received the case, found in the unit's trace.
			let steps = one_page("S1");
			let step_of = |movement: Movement| {
				let k = steps.iter().position(|s| s.movement == movement).unwrap() as u32;
				Pallet::trace(GTIN, b"S1", None, k).next.unwrap().levels
			};
			let received = step_of(Movement::Received { shipment: 0, by: WHOLESALER });
			// Inside the case: the unit's `Packed` entry, then the case's receipt.
			assert_eq!(received.len(), 2);
			let second = step_of(Movement::Received { shipment: 1, by: SECOND_WHOLESALER });
			let held_at = |who, path: &CustodyPath| {
				Pallet::report_suspect(
					signed(who),
					code(GTIN),
					code(b"S1"),
					H256::zero(),
					Some(path.clone()),
				)
			};
			// Another organisation's step proves nothing for this one.
			assert_noop!(held_at(WHOLESALER_STAFF, &second), Error::<Test>::NotRelatedToUnit);
			assert_noop!(held_at(OTHER_MAKER_STAFF, &received), Error::<Test>::NotRelatedToUnit);
			// A path that names no step of the chain.
			for levels in [vec![], vec![0, 1], vec![1, 99], vec![1, 1, 1, 1]] {
				assert_noop!(
					held_at(WHOLESALER_STAFF, &BoundedVec::truncate_from(levels)),
					Error::<Test>::InvalidCustodyPath
				);
			}
			// The case's history before S1 went in (its `Commissioned` entry) is no custody.
			assert_noop!(
				held_at(OTHER_MAKER_STAFF, &BoundedVec::truncate_from(vec![1, 0])),
				Error::<Test>::InvalidCustodyPath
			);
			crate::trace::TRACE_READS.with(|r| r.set(0));
			assert_ok!(held_at(WHOLESALER_STAFF, &received));
			// One entry per level of the path, whatever the length of the chain.
			assert_eq!(crate::trace::TRACE_READS.with(|r| r.get()), 2);
			assert_eq!(status("S1"), UnitStatus::Suspect);
			assert_eq!(
				last_event(),
				Event::SuspectReported {
					gtin: gtin(),
					serial: gs1::serial(b"S1").unwrap(),
					org: WHOLESALER,
					by: WHOLESALER_STAFF,
					reason_hash: H256::zero()
				}
			);
			// A loose unit: the step in its own history.
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S3")]));
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()));
			assert_ok!(ship(WHOLESALER_STAFF, SECOND_WHOLESALER, vec![unit("S3")]));
			assert_ok!(Pallet::receive(signed(SECOND_WHOLESALER_STAFF), last_shipment()));
			assert_ok!(ship(SECOND_WHOLESALER_STAFF, PHARMACY, vec![unit("S3")]));
			assert_ok!(Pallet::receive(signed(PHARMACIST), last_shipment()));
			assert_noop!(report(WHOLESALER_STAFF, "S3"), Error::<Test>::NotRelatedToUnit);
			assert_ok!(Pallet::report_suspect(
				signed(WHOLESALER_STAFF),
				code(GTIN),
				code(b"S3"),
				H256::zero(),
				Some(BoundedVec::truncate_from(vec![2]))
			));
		});
	}

	/// AUDIT M-11: the holder cannot decommission a suspect unit before the ruling.
	#[test]
	fn a_suspect_unit_cannot_be_decommissioned_before_the_ruling() {
		ExtBuilder::default().build_and_execute(|| {
			unit_at_wholesaler();
			assert_ok!(report(INSPECTOR, "S1"));
			let destroy = || {
				Pallet::decommission(
					signed(WHOLESALER_STAFF),
					code(GTIN),
					code(b"S1"),
					DecommissionReason::Destroyed,
				)
			};
			assert_noop!(destroy(), Error::<Test>::UnitSuspect);
			assert_eq!(verify("S1"), UnitVerification::Suspect);
			assert_ok!(rule("S1", false));
			assert_ok!(destroy());
		});
	}
}

mod quarantined_containers {
	use super::*;

	/// S1 and S2 in CASE, CASE in PALLET, at the maker.
	fn case_in_pallet() {
		with_units();
		assert_ok!(Pallet::pack(
			signed(MAKER_STAFF),
			code(CASE),
			items(vec![unit("S1"), unit("S2")])
		));
		assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(PALLET), items(vec![container(CASE)])));
	}

	/// AUDIT M-12: a sealed case holding a suspect unit cannot ship.
	#[test]
	fn a_sealed_case_with_a_suspect_unit_cannot_ship() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(report(INSPECTOR, "S1"));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]),
				Error::<Test>::ContainerQuarantined
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])),
				Error::<Test>::ContainerQuarantined
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET), items(vec![container(CASE)])),
				Error::<Test>::ContainerQuarantined
			);
			assert_ok!(rule("S1", false));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
		});
	}

	/// AUDIT M-12: the quarantine reaches the top of the nesting and lifts with the ruling;
	/// an illegitimate unit keeps it until its containers are opened and it is left behind.
	#[test]
	fn the_quarantine_follows_the_nesting() {
		ExtBuilder::default().build_and_execute(|| {
			case_in_pallet();
			assert_ok!(report(INSPECTOR, "S1"));
			assert_ok!(report(INSPECTOR, "S2"));
			assert_eq!(FlaggedContents::<Test>::get(sscc(CASE)), Some(2));
			assert_eq!(FlaggedContents::<Test>::get(sscc(PALLET)), Some(1));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]),
				Error::<Test>::ContainerQuarantined
			);
			assert_ok!(rule("S2", false));
			assert_ok!(rule("S1", true));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]),
				Error::<Test>::ContainerQuarantined
			);
			// Open both, leave the illegitimate unit, ship the good one.
			assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(PALLET)));
			assert_ok!(Pallet::unpack(signed(MAKER_STAFF), code(CASE)));
			assert_eq!(FlaggedContents::<Test>::get(sscc(PALLET)), None);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S2")]));
		});
	}

	/// AUDIT M-12: a container quarantined in transit cannot be received; the destination
	/// refuses it and it goes back to its sender (L-4).
	#[test]
	fn a_case_quarantined_in_transit_is_refused_not_received() {
		ExtBuilder::default().build_and_execute(|| {
			case_in_pallet();
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]));
			assert_ok!(report(WHOLESALER_STAFF, "S1"));
			let shipment = last_shipment();
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), shipment),
				Error::<Test>::ContainerQuarantined
			);
			assert_ok!(Pallet::refuse_shipment(signed(WHOLESALER_STAFF), shipment));
			assert_eq!(holder("S2"), Custody::Held(MAKER));
		});
	}
}

mod recalls_after_packing {
	use super::*;

	/// AUDIT M-12: a recall made after packing stops the sealed case that holds units of the
	/// lot, and the pallet holding the case: they neither ship nor, recalled in transit, are
	/// received (the destination refuses them and they go back to the sender).
	#[test]
	fn a_case_holding_a_lot_recalled_after_packing_neither_ships_nor_is_received() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(CASE),
				items(vec![unit("S1"), unit("S2")])
			));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(PALLET),
				items(vec![container(CASE)])
			));
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE_2), items(vec![unit("S3")])));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE_2)]));
			let in_transit = last_shipment();
			assert_ok!(Pallet::recall_lot(signed(INSPECTOR), code(GTIN), code(LOT), H256::zero()));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]),
				Error::<Test>::LotRecalled
			);
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), in_transit),
				Error::<Test>::LotRecalled
			);
			assert_ok!(Pallet::refuse_shipment(signed(WHOLESALER_STAFF), in_transit));
			assert_eq!(verify("S3"), UnitVerification::Recalled);
			assert_eq!(
				Containers::<Test>::get(sscc(CASE_2)).unwrap().custody,
				Custody::Held(MAKER)
			);
		});
	}

	/// AUDIT M-12: a sealed container packed before containers recorded their lots (its lot
	/// set absent, as on a chain upgraded from an earlier runtime) could hide a later recall, so
	/// it moves no more until it is opened and packed again: it neither ships, nor is received,
	/// nor goes into another container, nor takes more items; in transit, it still goes back.
	#[test]
	fn a_container_without_a_lot_set_moves_no_more_until_it_is_repacked() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE_2), items(vec![unit("S2")])));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE_2)]));
			let in_transit = last_shipment();
			// As an earlier runtime left them.
			let case_lots = ContainerLots::<Test>::take(sscc(CASE));
			let case_2_lots = ContainerLots::<Test>::take(sscc(CASE_2));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]),
				Error::<Test>::ContainerLotsUnknown
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET), items(vec![container(CASE)])),
				Error::<Test>::ContainerLotsUnknown
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S3")])),
				Error::<Test>::ContainerLotsUnknown
			);
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), in_transit),
				Error::<Test>::ContainerLotsUnknown
			);
			assert_ok!(Pallet::refuse_shipment(signed(WHOLESALER_STAFF), in_transit));
			assert_eq!(
				Containers::<Test>::get(sscc(CASE_2)).unwrap().custody,
				Custody::Held(MAKER)
			);
			// Packed again (here: its set restored as `pack` writes it), it moves.
			ContainerLots::<Test>::insert(sscc(CASE), case_lots);
			ContainerLots::<Test>::insert(sscc(CASE_2), case_2_lots);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE), container(CASE_2)]));
		});
	}

	/// The lot checks are charged for the containers a move holds, not for every item slot:
	/// a receipt of loose units pays no lot check, one of a case pays one case's, and both
	/// stay below what `receive` is charged up front.
	#[test]
	fn a_receipt_is_charged_for_the_lot_checks_of_its_containers_only() {
		use frame_support::dispatch::GetDispatchInfo;
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
			let loose = last_shipment();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S2")])));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]));
			let cased = last_shipment();
			let up_front =
				crate::Call::<Test>::receive { shipment: loose }.get_dispatch_info().call_weight;
			let checks = Pallet::lot_checks_weight();
			assert!(!checks.is_zero());

			let post = Pallet::receive(signed(WHOLESALER_STAFF), loose).unwrap();
			assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::receive(1)));
			let post = Pallet::receive(signed(WHOLESALER_STAFF), cased).unwrap();
			assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::receive(1) + checks));
			assert!(post.actual_weight.unwrap().all_lt(up_front));
		});
	}

	/// AUDIT M-12: a product revoked after packing stops the sealed containers holding it.
	#[test]
	fn a_case_holding_a_product_revoked_after_packing_neither_ships_nor_is_received() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE_2), items(vec![unit("S2")])));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE_2)]));
			let in_transit = last_shipment();
			assert_ok!(Pallet::revoke_product(RuntimeOrigin::root(), code(GTIN)));
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![container(CASE)]),
				Error::<Test>::ProductRevoked
			);
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), in_transit),
				Error::<Test>::ProductRevoked
			);
			assert_ok!(Pallet::cancel_shipment(signed(MAKER_STAFF), in_transit));
		});
	}

	/// AUDIT M-12: a container keeps the lots of everything packed into it, its cases' lots
	/// included, each once and at most `MaxLotsPerContainer` (4 here) of them; a recall of
	/// one lot stops it while the others are untouched.
	#[test]
	fn a_container_keeps_its_lots_within_the_bound() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Pallet::register_product(signed(MAKER_STAFF), code(GTIN), name()));
			let lots = ["LA", "LB", "LC", "LD", "LE"];
			for lot in lots {
				assert_ok!(Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(lot.as_bytes()),
					code(EXPIRY),
					serials(&[&format!("{lot}1"), &format!("{lot}2")])
				));
			}
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(CASE),
				items(vec![unit("LA1"), unit("LA2"), unit("LB1")])
			));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(CASE_2),
				items(vec![unit("LC1"), unit("LB2")])
			));
			assert_ok!(Pallet::pack(
				signed(MAKER_STAFF),
				code(PALLET),
				items(vec![container(CASE), container(CASE_2), unit("LD1")])
			));
			let lot = |l: &str| (gtin(), gs1::lot(l.as_bytes()).unwrap());
			assert_eq!(
				ContainerLots::<Test>::get(sscc(PALLET)).into_inner(),
				vec![lot("LA"), lot("LB"), lot("LC"), lot("LD")]
			);
			assert_noop!(
				Pallet::pack(signed(MAKER_STAFF), code(PALLET), items(vec![unit("LE1")])),
				Error::<Test>::TooManyLots
			);
			// A lot it holds already takes no room.
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(PALLET), items(vec![unit("LD2")])));
			assert_ok!(Pallet::recall_lot(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"LE"),
				H256::zero()
			));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(PALLET)]));
			assert_ok!(Pallet::recall_lot(
				signed(MAKER_STAFF),
				code(GTIN),
				code(b"LC"),
				H256::zero()
			));
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), last_shipment()),
				Error::<Test>::LotRecalled
			);
		});
	}
}

mod closing_shipments {
	use super::*;

	/// AUDIT L-4: the sender cancels a shipment before receipt; the goods are back in stock.
	#[test]
	fn a_sender_cancels_a_shipment_before_receipt() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(Pallet::pack(signed(MAKER_STAFF), code(CASE), items(vec![unit("S1")])));
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![container(CASE), unit("S2")]));
			let shipment = last_shipment();
			assert_noop!(
				Pallet::cancel_shipment(signed(MAKER_STAFF), shipment + 1),
				Error::<Test>::ShipmentNotFound
			);
			assert_noop!(
				Pallet::cancel_shipment(signed(WHOLESALER_STAFF), shipment),
				Error::<Test>::NotSender
			);
			assert_noop!(
				Pallet::cancel_shipment(signed(LAB_STAFF), shipment),
				Error::<Test>::NotTradingPartner
			);
			assert_ok!(Pallet::cancel_shipment(signed(MAKER_STAFF), shipment));
			assert_eq!(
				last_event(),
				Event::ShipmentCancelled { shipment, org: MAKER, by: MAKER_STAFF }
			);
			assert_eq!(Shipments::<Test>::get(shipment).unwrap().state, ShipmentState::Cancelled);
			assert_eq!(holder("S1"), Custody::Held(MAKER));
			assert_eq!(holder("S2"), Custody::Held(MAKER));
			assert_noop!(
				Pallet::receive(signed(WHOLESALER_STAFF), shipment),
				Error::<Test>::ShipmentClosed
			);
			assert_noop!(
				Pallet::cancel_shipment(signed(MAKER_STAFF), shipment),
				Error::<Test>::ShipmentClosed
			);
			// Back in stock: it ships again.
			assert_ok!(ship(MAKER_STAFF, PHARMACY, vec![container(CASE)]));
			assert!(one_page("S1")
				.iter()
				.any(|s| s.movement == Movement::ShipmentCancelled { shipment, by: MAKER }));
		});
	}

	/// AUDIT L-4: the destination refuses a shipment; a received one can be neither refused
	/// nor cancelled.
	#[test]
	fn a_destination_refuses_a_shipment() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
			let shipment = last_shipment();
			assert_noop!(
				Pallet::refuse_shipment(signed(MAKER_STAFF), shipment),
				Error::<Test>::NotDestination
			);
			assert_noop!(
				Pallet::refuse_shipment(signed(WHOLESALER_STAFF), shipment + 1),
				Error::<Test>::ShipmentNotFound
			);
			assert_ok!(Pallet::refuse_shipment(signed(WHOLESALER_ADMIN), shipment));
			assert_eq!(
				last_event(),
				Event::ShipmentRefused { shipment, org: WHOLESALER, by: WHOLESALER_ADMIN }
			);
			assert_eq!(holder("S1"), Custody::Held(MAKER));
			assert_noop!(
				Pallet::refuse_shipment(signed(WHOLESALER_STAFF), shipment),
				Error::<Test>::ShipmentClosed
			);
			assert_ok!(ship(MAKER_STAFF, WHOLESALER, vec![unit("S1")]));
			let second = last_shipment();
			assert_ok!(Pallet::receive(signed(WHOLESALER_STAFF), second));
			assert_noop!(
				Pallet::refuse_shipment(signed(WHOLESALER_STAFF), second),
				Error::<Test>::AlreadyReceived
			);
			assert_noop!(
				Pallet::cancel_shipment(signed(MAKER_STAFF), second),
				Error::<Test>::AlreadyReceived
			);
		});
	}
}

mod input_checks {
	use super::*;

	/// AUDIT L-5: an expired lot cannot be commissioned, nor units into a recalled lot.
	#[test]
	fn an_expired_or_recalled_lot_cannot_be_commissioned() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			let commission = |lot: &[u8], expiry: &[u8], list: &[&str]| {
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(lot),
					code(expiry),
					serials(list),
				)
			};
			// 2026-10-31, before the clock (2026-11-21).
			assert_noop!(commission(b"OLD", b"261000", &["S7"]), Error::<Test>::ProductExpired);
			assert_ok!(Pallet::recall_lot(
				signed(MAKER_STAFF),
				code(GTIN),
				code(LOT),
				H256::zero()
			));
			assert_noop!(commission(LOT, EXPIRY, &["S7"]), Error::<Test>::LotRecalled);
		});
	}

	/// AUDIT L-5: every serial is checked before the lot or any unit is written.
	#[test]
	fn a_bad_serial_anywhere_writes_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			with_units();
			let before = Units::<Test>::iter().count();
			assert_noop!(
				Pallet::commission_units(
					signed(MAKER_STAFF),
					code(GTIN),
					code(b"NEWLOT"),
					code(EXPIRY),
					serials(&["S7", "S8", "S1"])
				),
				Error::<Test>::SerialAlreadyCommissioned
			);
			assert_eq!(Units::<Test>::iter().count(), before);
			assert!(Lots::<Test>::get(gtin(), gs1::lot(b"NEWLOT").unwrap()).is_none());
			// A bad last item of a shipment leaves the id counter and the first item as they were.
			let next = NextShipmentId::<Test>::get();
			assert_noop!(
				ship(MAKER_STAFF, WHOLESALER, vec![unit("S1"), unit("S9")]),
				Error::<Test>::UnitNotFound
			);
			assert_eq!(NextShipmentId::<Test>::get(), next);
		});
	}
}
