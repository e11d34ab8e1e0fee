//! Benchmarks of every call at the worst case of its bounds, and the cost pairs: shipping a
//! container against what it holds, recalling a lot against its size. The signer of every call
//! that stores something is first funded for the deposit it will hold.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use medchain_primitives::PractitionerRole;

const GTIN: &[u8] = b"00614141123452";
/// The longest lot (20 characters), as every key and value holding it is then largest.
const LOT: &[u8] = b"LOT-0000000000000001";
/// 2099-12-31: never expired while benchmarking.
const EXPIRY: &[u8] = b"991231";

fn raw(bytes: &[u8]) -> RawCode {
	BoundedVec::truncate_from(bytes.to_vec())
}

/// Serial `n` at the longest length a serial may have (20 characters).
fn serial_code(n: u32) -> RawCode {
	let mut digits = [b'0'; 20];
	let mut v = n;
	for d in digits.iter_mut().rev() {
		*d = b'0'.saturating_add((v % 10) as u8);
		v /= 10;
	}
	raw(&digits)
}

fn serial(n: u32) -> Serial {
	BoundedVec::truncate_from(serial_code(n).into_inner())
}

/// The SSCC with serial reference `n` (extension 0, prefix 0614141), check digit computed.
fn sscc(n: u32) -> Sscc {
	let mut code = *b"006141410000000000";
	let mut v = n;
	for d in code.iter_mut().take(17).rev().take(9) {
		*d = b'0'.saturating_add((v % 10) as u8);
		v /= 10;
	}
	let check = gs1::check_digit(code.get(..17).unwrap_or_default());
	if let Some(last) = code.last_mut() {
		*last = b'0'.saturating_add(check);
	}
	code
}

/// A practitioner of a new active organisation of `kind`.
fn staff<T: Config>(kind: OrgKind, n: u32) -> (T::AccountId, OrgId) {
	let admin: T::AccountId = account("admin", n, 0);
	let who: T::AccountId = account("staff", n, 0);
	let org =
		T::Directory::register_for_benchmarks(kind, &admin, &who, PractitionerRole::Administrator);
	(who, org)
}

/// Funds `who` for a deposit of `items` items, `entries` of them history entries, and
/// `extra` more bytes (the other items' sizes).
fn fund<T: Config>(who: &T::AccountId, items: u32, entries: u32, extra: u64) {
	let size = u64::from(entries).saturating_mul(Pallet::<T>::history_entry_bytes());
	T::Deposit::ensure_successful(
		who,
		Footprint { count: u64::from(items), size: size.saturating_add(extra) },
	);
}

fn gtin() -> Gtin {
	gs1::gtin(GTIN).unwrap_or_default()
}

/// The product and its lot, owned by `org`.
fn product<T: Config>(org: OrgId) {
	Products::<T>::insert(
		gtin(),
		Product {
			org,
			name: BoundedVec::truncate_from(alloc::vec![b'p'; T::MaxNameLength::get() as usize]),
		},
	);
	let (expiry, expires_at) = gs1::expiry(EXPIRY).unwrap_or(([0; 6], 0));
	Lots::<T>::insert(gtin(), lot(), LotInfo { expiry, expires_at, recalled: None });
}

fn lot() -> Lot {
	BoundedVec::truncate_from(LOT.to_vec())
}

/// GTIN `k` of the products a container of many lots holds (indicator 1, prefix 0614141),
/// check digit computed.
fn gtin_n(k: u32) -> Gtin {
	let mut code = *b"10614141000000";
	let mut v = k;
	for d in code.iter_mut().take(13).rev().take(5) {
		*d = b'0'.saturating_add((v % 10) as u8);
		v /= 10;
	}
	let check = gs1::check_digit(code.get(..13).unwrap_or_default());
	if let Some(last) = code.last_mut() {
		*last = b'0'.saturating_add(check);
	}
	code
}

/// Unit `n`, loose (or in `parent`), held by `org`, with a one-entry history.
fn put_unit<T: Config>(n: u32, org: OrgId, parent: Option<Sscc>) {
	put_unit_of::<T>(gtin(), n, org, parent);
}

/// Unit `n` of the product `gtin` (of `LOT`), loose (or in `parent`), held by `org`, with a
/// one-entry history.
fn put_unit_of<T: Config>(gtin: Gtin, n: u32, org: OrgId, parent: Option<Sscc>) {
	let item = Item::Unit { gtin, serial: serial(n) };
	History::<T>::insert(
		&item,
		0,
		HistoryEntry { movement: Movement::Commissioned { org }, at: 0, container_seq: 0 },
	);
	Units::<T>::insert(
		gtin,
		serial(n),
		UnitInfo {
			lot: lot(),
			status: UnitStatus::Active,
			parent,
			custody: Custody::Held(org),
			last_from: None,
			events: 1,
		},
	);
}

/// Container `n`, sealed and loose, held by `org`, holding units `first..first + units`.
fn put_container<T: Config>(n: u32, org: OrgId, first: u32, units: u32) -> Sscc {
	let code = sscc(n);
	for u in first..first.saturating_add(units) {
		put_unit::<T>(u, org, Some(code));
	}
	History::<T>::insert(
		Item::Container(code),
		0,
		HistoryEntry { movement: Movement::Commissioned { org }, at: 0, container_seq: 0 },
	);
	Containers::<T>::insert(
		code,
		ContainerInfo {
			parent: None,
			opened: false,
			custody: Custody::Held(org),
			last_from: None,
			depth: 1,
			children: units,
			events: 1,
			expires_at: None,
		},
	);
	ContainerLots::<T>::insert(code, BoundedVec::truncate_from(alloc::vec![(gtin(), lot())]));
	code
}

/// Fills the sealed container `case` (held by `org`) with units `0..units` of `lots` products
/// of `org`, one lot each, unit `n` of product `n % lots`: the worst case for checking its
/// lots, one recall flag and one revocation per lot.
fn fill_with_lots<T: Config>(case: Sscc, org: OrgId, units: u32, lots: u32) {
	let (expiry, expires_at) = gs1::expiry(EXPIRY).unwrap_or(([0; 6], 0));
	for k in 0..lots {
		Products::<T>::insert(gtin_n(k), Product { org, name: BoundedVec::new() });
		Lots::<T>::insert(gtin_n(k), lot(), LotInfo { expiry, expires_at, recalled: None });
	}
	for n in 0..units {
		put_unit_of::<T>(gtin_n(n.checked_rem(lots).unwrap_or(0)), n, org, Some(case));
	}
	let set = (0..lots).map(|k| (gtin_n(k), lot())).collect::<Vec<_>>();
	ContainerLots::<T>::insert(case, BoundedVec::truncate_from(set));
	Containers::<T>::mutate(case, |c| {
		if let Some(c) = c {
			c.children = units;
		}
	});
}

/// The custody path to a `Received` step of `by` in the top container of `chain` (innermost
/// first), holding unit 0: the unit's `Packed` entry into the innermost container, each
/// container's `Packed` entry into the next, and the top container's receipt, appended to
/// their histories. The longest path a report reads.
fn custody_path_through<T: Config>(chain: &[Sscc], by: OrgId) -> CustodyPath {
	let mut item = Item::Unit { gtin: gtin(), serial: serial(0) };
	let mut path = Vec::new();
	let mut append = |item: &Item, movement: Movement| {
		History::<T>::insert(item, 1, HistoryEntry { movement, at: 0, container_seq: 1 });
		path.push(1);
	};
	for c in chain {
		append(&item, Movement::Packed { into: *c });
		item = Item::Container(*c);
	}
	append(&item, Movement::Received { shipment: 0, by });
	Units::<T>::mutate(gtin(), serial(0), |u| {
		if let Some(u) = u {
			u.events = 2;
		}
	});
	for c in chain {
		Containers::<T>::mutate(c, |c| {
			if let Some(c) = c {
				c.events = 2;
			}
		});
	}
	BoundedVec::truncate_from(path)
}

fn unit_code(n: u32) -> ItemCode {
	ItemCode::Unit { gtin: raw(GTIN), serial: serial_code(n) }
}

fn open_container<T: Config>(code: Sscc) {
	Containers::<T>::mutate(code, |c| {
		if let Some(c) = c {
			c.opened = true;
		}
	});
}

/// Units `first..first + count`, each alone in its own opened case held by `org`: the worst
/// case for moving a unit, which is then detached from its case (one more read and one more
/// history entry per unit).
fn put_units_in_opened_cases<T: Config>(first: u32, count: u32, org: OrgId) {
	for n in first..first.saturating_add(count) {
		let case = put_container::<T>(n.saturating_add(1_000_000), org, n, 1);
		open_container::<T>(case);
	}
}

/// Unit 0 held by `org` (of a product of another organisation), sealed in a nesting of
/// `MaxDepth` containers, the innermost holding it: the worst case for relating an
/// organisation to the unit and for carrying a quarantine up the nesting. With `flagged`, unit
/// 0 is suspect and every level counts it. Returns the containers, innermost first.
fn nested_unit<T: Config>(org: OrgId, flagged: bool) -> Vec<Sscc> {
	let mut chain = Vec::new();
	let inner = put_container::<T>(1, org, 0, 1);
	chain.push(inner);
	for level in 2..=u32::from(T::MaxDepth::get()) {
		let outer = put_container::<T>(level, org, 0, 0);
		if let Some(&child) = chain.last() {
			Containers::<T>::mutate(child, |c| {
				if let Some(c) = c {
					c.parent = Some(outer);
				}
			});
		}
		Containers::<T>::mutate(outer, |c| {
			if let Some(c) = c {
				c.depth = level as u8;
				c.children = 1;
			}
		});
		chain.push(outer);
	}
	if flagged {
		Units::<T>::mutate(gtin(), serial(0), |u| {
			if let Some(u) = u {
				u.status = UnitStatus::Suspect;
			}
		});
		for c in &chain {
			FlaggedContents::<T>::insert(c, 1);
		}
	}
	chain
}

/// A shipment 0 of `i` loose units from a new manufacturer to a new wholesaler. Returns the
/// sender's and the receiver's accounts.
fn shipment_of<T: Config>(i: u32) -> Result<(T::AccountId, T::AccountId), BenchmarkError> {
	let (sender, org) = staff::<T>(OrgKind::Manufacturer, 0);
	let (receiver, to) = staff::<T>(OrgKind::Wholesaler, 1);
	product::<T>(org);
	for n in 0..i {
		put_unit::<T>(n, org, None);
	}
	let items: Vec<ItemCode> = (0..i).map(unit_code).collect();
	fund::<T>(&sender, i.saturating_add(1), i, Pallet::<T>::shipment_bytes());
	fund::<T>(&receiver, i, i, 0);
	Pallet::<T>::ship(
		RawOrigin::Signed(sender.clone()).into(),
		to,
		BoundedVec::truncate_from(items),
		H256::zero(),
	)
	.map_err(|_| BenchmarkError::Stop("cannot ship"))?;
	fund::<T>(&sender, i, i, 0);
	Ok((sender, receiver))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_product() {
		let (who, org) = staff::<T>(OrgKind::Manufacturer, 0);
		T::Directory::assign_company_prefix_for_benchmarks(org, b"0614141");
		let name = BoundedVec::truncate_from(alloc::vec![b'n'; T::MaxNameLength::get() as usize]);
		fund::<T>(&who, 1, 0, Pallet::<T>::product_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), name);

		assert_eq!(Products::<T>::get(gtin()).map(|p| p.org), Some(org));
	}

	/// `s` new serials of the longest length, of a lot that is new.
	#[benchmark]
	fn commission_units(s: Linear<1, { T::MaxSerialsPerCall::get() }>) {
		let (who, org) = staff::<T>(OrgKind::Manufacturer, 0);
		product::<T>(org);
		Lots::<T>::remove(gtin(), lot());
		let serials: Vec<RawCode> = (0..s).map(serial_code).collect();
		let units = u64::from(s).saturating_mul(Pallet::<T>::unit_bytes());
		fund::<T>(&who, s.saturating_add(1), 0, units.saturating_add(Pallet::<T>::lot_bytes()));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			raw(GTIN),
			raw(LOT),
			raw(EXPIRY),
			BoundedVec::truncate_from(serials),
		);

		assert_eq!(Units::<T>::iter_prefix(gtin()).count() as u32, s);
	}

	/// `i` units, each lying in its own opened case, into a sealed case that lies in an opened
	/// pallet: every item and the target are detached on the way.
	#[benchmark]
	fn pack(i: Linear<1, { T::MaxItemsPerCall::get() }>) {
		let (who, org) = staff::<T>(OrgKind::Wholesaler, 0);
		product::<T>(org);
		let target = put_container::<T>(1, org, 0, 0);
		let pallet = put_container::<T>(2, org, 0, 0);
		open_container::<T>(pallet);
		Containers::<T>::mutate(target, |c| {
			if let Some(c) = c {
				c.parent = Some(pallet);
			}
		});
		put_units_in_opened_cases::<T>(100, i, org);
		let items: Vec<ItemCode> = (100..100u32.saturating_add(i)).map(unit_code).collect();
		// `Unpacked` and `Packed` per unit, `Unpacked` for the target.
		let entries = i.saturating_mul(2).saturating_add(1);
		fund::<T>(&who, entries, entries, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(&target), BoundedVec::truncate_from(items));

		assert_eq!(Containers::<T>::get(target).map(|c| c.children), Some(i));
	}

	/// `i` sealed cases, each holding units of `MaxLotsPerContainer` lots, into a new case:
	/// every case's lot set is read in full and merged into the new case's.
	#[benchmark]
	fn pack_cases(i: Linear<1, { T::MaxItemsPerCall::get() }>) {
		let (who, org) = staff::<T>(OrgKind::Wholesaler, 0);
		// The new case's SSCC is under the packer's company prefix.
		T::Directory::assign_company_prefix_for_benchmarks(org, b"0614141");
		let lots = T::MaxLotsPerContainer::get();
		let cases = (0..i)
			.map(|n| {
				let case = put_container::<T>(n.saturating_add(10), org, 0, 0);
				fill_with_lots::<T>(case, org, 0, lots);
				case
			})
			.collect::<Vec<_>>();
		let target = sscc(1);
		let items: Vec<ItemCode> = cases.iter().map(|c| ItemCode::Container(raw(c))).collect();
		// `Packed` per case, and the new case with its `Commissioned` entry.
		fund::<T>(&who, i.saturating_add(2), i.saturating_add(1), Pallet::<T>::container_bytes());

		#[extrinsic_call]
		pack(RawOrigin::Signed(who), raw(&target), BoundedVec::truncate_from(items));

		assert_eq!(ContainerLots::<T>::get(target).len() as u32, lots);
	}

	#[benchmark]
	fn unpack() {
		let (who, org) = staff::<T>(OrgKind::Pharmacy, 0);
		product::<T>(org);
		let case = put_container::<T>(1, org, 0, 10);
		fund::<T>(&who, 1, 1, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(&case));

		assert_eq!(Containers::<T>::get(case).map(|c| c.opened), Some(true));
	}

	/// `i` units, each lying in its own opened case (detached on the way) and checked for lot,
	/// expiry and status.
	#[benchmark]
	fn ship(i: Linear<1, { T::MaxItemsPerCall::get() }>) {
		let (who, org) = staff::<T>(OrgKind::Manufacturer, 0);
		let (_, to) = staff::<T>(OrgKind::Wholesaler, 1);
		product::<T>(org);
		put_units_in_opened_cases::<T>(0, i, org);
		let items: Vec<ItemCode> = (0..i).map(unit_code).collect();
		// The shipment, and `Unpacked` and `Shipped` per unit.
		let entries = i.saturating_mul(2);
		fund::<T>(&who, entries.saturating_add(1), entries, Pallet::<T>::shipment_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(who), to, BoundedVec::truncate_from(items), H256::zero());

		assert!(Shipments::<T>::contains_key(0));
	}

	/// One container holding `u` units of `l` lots, each of its own product: the cost must not
	/// depend on `u` (compare u = 1 and u = 10,000 at one `l`); it grows with `l`, as every
	/// lot's recall and every product's revocation is checked.
	#[benchmark]
	fn ship_container_holding(
		u: Linear<1, 10_000>,
		l: Linear<1, { T::MaxLotsPerContainer::get() }>,
	) {
		let (who, org) = staff::<T>(OrgKind::Manufacturer, 0);
		let (_, to) = staff::<T>(OrgKind::Wholesaler, 1);
		let case = put_container::<T>(1, org, 0, 0);
		fill_with_lots::<T>(case, org, u, l);
		fund::<T>(&who, 2, 1, Pallet::<T>::shipment_bytes());

		#[extrinsic_call]
		ship(
			RawOrigin::Signed(who),
			to,
			BoundedVec::truncate_from(alloc::vec![ItemCode::Container(raw(&case))]),
			H256::zero(),
		);

		assert_eq!(Containers::<T>::get(case).map(|c| c.custody), Some(Custody::InTransit(0)));
	}

	/// A shipment of the most items.
	#[benchmark]
	fn receive(i: Linear<1, { T::MaxItemsPerCall::get() }>) -> Result<(), BenchmarkError> {
		let (_, receiver) = shipment_of::<T>(i)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(receiver), 0);

		assert_eq!(Shipments::<T>::get(0).map(|s| s.state), Some(ShipmentState::Received));
		Ok(())
	}

	/// A unit loose in an opened case: it is detached on the way.
	#[benchmark]
	fn dispense() {
		let (who, org) = staff::<T>(OrgKind::Pharmacy, 0);
		product::<T>(org);
		let case = put_container::<T>(1, org, 0, 1);
		Containers::<T>::mutate(case, |c| {
			if let Some(c) = c {
				c.opened = true;
			}
		});
		fund::<T>(&who, 2, 2, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), serial_code(0));

		assert_eq!(
			Units::<T>::get(gtin(), serial(0)).map(|u| u.status),
			Some(UnitStatus::Dispensed)
		);
	}

	/// A unit lying in an opened case: it is detached on the way.
	#[benchmark]
	fn decommission() {
		let (who, org) = staff::<T>(OrgKind::Wholesaler, 0);
		product::<T>(org);
		put_units_in_opened_cases::<T>(0, 1, org);
		fund::<T>(&who, 2, 2, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), serial_code(0), DecommissionReason::Damaged);

		assert!(matches!(
			Units::<T>::get(gtin(), serial(0)).map(|u| u.status),
			Some(UnitStatus::Decommissioned(_))
		));
	}

	/// By a regulator (the manufacturer check fails first).
	#[benchmark]
	fn recall_lot() {
		let (_, maker) = staff::<T>(OrgKind::Manufacturer, 0);
		let (who, _) = staff::<T>(OrgKind::Regulator, 1);
		product::<T>(maker);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), raw(LOT), H256::zero());

		assert!(Lots::<T>::get(gtin(), lot()).is_some_and(|l| l.recalled.is_some()));
	}

	/// A lot of `u` units: the cost must not depend on `u`.
	#[benchmark]
	fn recall_lot_of_size(u: Linear<1, 10_000>) {
		let (who, maker) = staff::<T>(OrgKind::Manufacturer, 0);
		product::<T>(maker);
		for n in 0..u {
			put_unit::<T>(n, maker, None);
		}

		#[extrinsic_call]
		recall_lot(RawOrigin::Signed(who), raw(GTIN), raw(LOT), H256::zero());

		assert!(Lots::<T>::get(gtin(), lot()).is_some_and(|l| l.recalled.is_some()));
	}

	/// By an earlier custodian of a unit sealed `MaxDepth` levels deep, of another
	/// organisation's product and held by a third: every level is read to find the holder,
	/// then the custody path through every level to the reporter's receipt, and every level
	/// becomes quarantined.
	#[benchmark]
	fn report_suspect() {
		let (_, maker) = staff::<T>(OrgKind::Manufacturer, 1);
		let (_, holder) = staff::<T>(OrgKind::Pharmacy, 2);
		let (who, org) = staff::<T>(OrgKind::Wholesaler, 0);
		product::<T>(maker);
		let chain = nested_unit::<T>(holder, false);
		let path = custody_path_through::<T>(&chain, org);
		fund::<T>(&who, 1, 1, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), serial_code(0), H256::zero(), Some(path));

		assert_eq!(Units::<T>::get(gtin(), serial(0)).map(|u| u.status), Some(UnitStatus::Suspect));
		assert!(chain.iter().all(|c| FlaggedContents::<T>::get(c) == Some(1)));
	}

	#[benchmark]
	fn resolve_suspect() {
		let (_, maker) = staff::<T>(OrgKind::Manufacturer, 0);
		let (who, _) = staff::<T>(OrgKind::Regulator, 1);
		product::<T>(maker);
		let chain = nested_unit::<T>(maker, true);
		fund::<T>(&who, 1, 1, 0);

		// Cleared: the quarantine is lifted at every level.
		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), serial_code(0), false);

		assert_eq!(Units::<T>::get(gtin(), serial(0)).map(|u| u.status), Some(UnitStatus::Active));
		assert!(chain.iter().all(|c| FlaggedContents::<T>::get(c).is_none()));
	}

	/// A unit loose in an opened case that came from a wholesaler.
	#[benchmark]
	fn return_unit() {
		let (who, org) = staff::<T>(OrgKind::Pharmacy, 0);
		let (_, wholesaler) = staff::<T>(OrgKind::Wholesaler, 1);
		product::<T>(org);
		let case = put_container::<T>(1, org, 0, 1);
		Containers::<T>::mutate(case, |c| {
			if let Some(c) = c {
				c.opened = true;
				c.last_from = Some(wholesaler);
			}
		});
		// The shipment, and `Unpacked` and `Shipped`.
		fund::<T>(&who, 3, 2, Pallet::<T>::shipment_bytes());

		#[extrinsic_call]
		_(RawOrigin::Signed(who), raw(GTIN), serial_code(0));

		assert_eq!(
			Units::<T>::get(gtin(), serial(0)).map(|u| u.custody),
			Some(Custody::InTransit(0))
		);
	}

	/// A shipment of the most items, cancelled by its sender.
	#[benchmark]
	fn cancel_shipment(i: Linear<1, { T::MaxItemsPerCall::get() }>) -> Result<(), BenchmarkError> {
		let (sender, _) = shipment_of::<T>(i)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sender), 0);

		assert_eq!(Shipments::<T>::get(0).map(|s| s.state), Some(ShipmentState::Cancelled));
		Ok(())
	}

	/// A shipment of the most items, refused by its destination.
	#[benchmark]
	fn refuse_shipment(i: Linear<1, { T::MaxItemsPerCall::get() }>) -> Result<(), BenchmarkError> {
		let (_, receiver) = shipment_of::<T>(i)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(receiver), 0);

		assert_eq!(Shipments::<T>::get(0).map(|s| s.state), Some(ShipmentState::Refused));
		Ok(())
	}

	#[benchmark]
	fn reassign_product() -> Result<(), BenchmarkError> {
		let (_, maker) = staff::<T>(OrgKind::Manufacturer, 0);
		let (_, to) = staff::<T>(OrgKind::Manufacturer, 1);
		product::<T>(maker);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, raw(GTIN), to);

		assert_eq!(Products::<T>::get(gtin()).map(|p| p.org), Some(to));
		Ok(())
	}

	#[benchmark]
	fn revoke_product() -> Result<(), BenchmarkError> {
		let (_, maker) = staff::<T>(OrgKind::Manufacturer, 0);
		product::<T>(maker);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, raw(GTIN));

		assert!(RevokedProducts::<T>::contains_key(gtin()));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default(),
		crate::mock::Test,
		exec_name = build_and_execute
	);
}
