// Medchain weights. Node profile: debug. Host functions (hashing, storage access) run
// native code of that profile, so a debug node gives upper bounds; MEDCHAIN_PROFILE=release
// ./scripts/bench.sh gives production weights.

//! Weights for `pallet_drug_provenance`, generated from its benchmarks; do not edit by hand.
//!
//! Produced by `scripts/bench.sh` with the benchmark CLI 64.0.0 on 2026-11-21:
//! STEPS `20`, REPEAT `5`, WASM-EXECUTION `Compiled`,
//! HOST `vm`, CPU `AMD EPYC`.
//!
//! Command:
//!   /root/.cache/medchain/target/debug/medchain-node
//!   benchmark
//!   pallet
//!   --runtime
//!   /root/.cache/medchain/target/bench-runtime/debug/wbuild/medchain-runtime/medchain_runtime.wasm
//!   --genesis-builder=runtime
//!   --genesis-builder-preset=development
//!   --pallet
//!   pallet_drug_provenance
//!   --extrinsic
//!   *
//!   --wasm-execution
//!   compiled
//!   --steps
//!   20
//!   --repeat
//!   5
//!   --heap-pages
//!   4096
//!   --template
//!   scripts/weight-template.hbs
//!   --header
//!   /tmp/tmp.9GsJZ70GF7
//!   --output
//!   pallets/drug-provenance/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_drug_provenance`.
pub trait WeightInfo {
	fn register_product() -> Weight;
	fn commission_units(s: u32, ) -> Weight;
	fn pack(i: u32, ) -> Weight;
	fn unpack() -> Weight;
	fn ship(i: u32, ) -> Weight;
	fn ship_container_holding(u: u32, ) -> Weight;
	fn receive(i: u32, ) -> Weight;
	fn dispense() -> Weight;
	fn decommission() -> Weight;
	fn recall_lot() -> Weight;
	fn recall_lot_of_size(u: u32, ) -> Weight;
	fn report_suspect() -> Weight;
	fn resolve_suspect() -> Weight;
	fn return_unit() -> Weight;
}

/// Weights for `pallet_drug_provenance` measured on the reference machine, with the runtime's database weights.
pub struct MedchainWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for MedchainWeight<T> {
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Products` (r:1 w:1)
	/// Proof: `DrugProvenance::Products` (`max_values`: None, `max_size`: Some(164), added: 2639, mode: `MaxEncodedLen`)
	fn register_product() -> Weight {
		// Proof size: measured `825`, estimated `3677`.
		// Minimum execution time: 455_640_000 picoseconds.
		Weight::from_parts(494_688_000, 3677)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Products` (r:1 w:0)
	/// Proof: `DrugProvenance::Products` (`max_values`: None, `max_size`: Some(164), added: 2639, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1000 w:1000)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1000)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[1, 1000]`.
	fn commission_units(s: u32, ) -> Weight {
		// Proof size: measured `1154`, estimated `3677 + s * (2602 ±0)`.
		// Minimum execution time: 864_880_000 picoseconds.
		Weight::from_parts(271_560_736, 3677)
			// Standard error: 576_341
			.saturating_add(Weight::from_parts(212_735_618, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(s.into()))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:1 w:1)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:100 w:100)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:100)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 100]`.
	fn pack(i: u32, ) -> Weight {
		// Proof size: measured `1081 + i * (52 ±0)`, estimated `3677 + i * (2602 ±0)`.
		// Minimum execution time: 798_782_000 picoseconds.
		Weight::from_parts(741_382_816, 3677)
			// Standard error: 516_774
			.saturating_add(Weight::from_parts(252_163_329, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:1 w:1)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn unpack() -> Weight {
		// Proof size: measured `1056`, estimated `3677`.
		// Minimum execution time: 568_267_000 picoseconds.
		Weight::from_parts(643_079_000, 3677)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:2 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::NextShipmentId` (r:1 w:1)
	/// Proof: `DrugProvenance::NextShipmentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:100 w:100)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:100)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:0 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 100]`.
	fn ship(i: u32, ) -> Weight {
		// Proof size: measured `1210 + i * (52 ±0)`, estimated `6364 + i * (2602 ±0)`.
		// Minimum execution time: 932_371_000 picoseconds.
		Weight::from_parts(747_055_430, 6364)
			// Standard error: 1_433_676
			.saturating_add(Weight::from_parts(330_364_033, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:2 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::NextShipmentId` (r:1 w:1)
	/// Proof: `DrugProvenance::NextShipmentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:1 w:1)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:0 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	/// The range of component `u` is `[1, 10000]`.
	fn ship_container_holding(u: u32, ) -> Weight {
		// Proof size: measured `1168`, estimated `6364`.
		// Minimum execution time: 737_190_000 picoseconds.
		Weight::from_parts(889_997_556, 6364)
			// Standard error: 2_918
			.saturating_add(Weight::from_parts(7_777, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:1 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:100 w:100)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:100)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 100]`.
	fn receive(i: u32, ) -> Weight {
		// Proof size: measured `1157 + i * (82 ±0)`, estimated `7124 + i * (2602 ±0)`.
		// Minimum execution time: 677_070_000 picoseconds.
		Weight::from_parts(480_950_670, 7124)
			// Standard error: 1_597_846
			.saturating_add(Weight::from_parts(182_363_459, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1 w:1)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:1 w:0)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:2)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn dispense() -> Weight {
		// Proof size: measured `1226`, estimated `3677`.
		// Minimum execution time: 879_331_000 picoseconds.
		Weight::from_parts(967_693_000, 3677)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1 w:1)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn decommission() -> Weight {
		// Proof size: measured `1050`, estimated `3677`.
		// Minimum execution time: 631_301_000 picoseconds.
		Weight::from_parts(687_255_000, 3677)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Products` (r:1 w:0)
	/// Proof: `DrugProvenance::Products` (`max_values`: None, `max_size`: Some(164), added: 2639, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:1)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	fn recall_lot() -> Weight {
		// Proof size: measured `1145`, estimated `3677`.
		// Minimum execution time: 582_378_000 picoseconds.
		Weight::from_parts(638_302_000, 3677)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Products` (r:1 w:0)
	/// Proof: `DrugProvenance::Products` (`max_values`: None, `max_size`: Some(164), added: 2639, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:1)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// The range of component `u` is `[1, 10000]`.
	fn recall_lot_of_size(u: u32, ) -> Weight {
		// Proof size: measured `1179`, estimated `3677`.
		// Minimum execution time: 606_425_000 picoseconds.
		Weight::from_parts(753_629_364, 3677)
			// Standard error: 2_812
			.saturating_add(Weight::from_parts(9_170, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1 w:1)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn report_suspect() -> Weight {
		// Proof size: measured `1050`, estimated `3677`.
		// Minimum execution time: 558_894_000 picoseconds.
		Weight::from_parts(595_187_000, 3677)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Products` (r:1 w:0)
	/// Proof: `DrugProvenance::Products` (`max_values`: None, `max_size`: Some(164), added: 2639, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1 w:1)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn resolve_suspect() -> Weight {
		// Proof size: measured `1238`, estimated `3677`.
		// Minimum execution time: 623_590_000 picoseconds.
		Weight::from_parts(670_289_000, 3677)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:2 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1 w:1)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:1 w:0)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::NextShipmentId` (r:1 w:1)
	/// Proof: `DrugProvenance::NextShipmentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:2)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:0 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	fn return_unit() -> Weight {
		// Proof size: measured `1342`, estimated `6364`.
		// Minimum execution time: 1_184_917_000 picoseconds.
		Weight::from_parts(1_286_038_000, 6364)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_product() -> Weight {
		Weight::from_parts(494_688_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn commission_units(s: u32, ) -> Weight {
		Weight::from_parts(271_560_736, 3677)
			.saturating_add(Weight::from_parts(212_735_618, 0).saturating_mul(s.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(s.into()))
	}
	fn pack(i: u32, ) -> Weight {
		Weight::from_parts(741_382_816, 3677)
			.saturating_add(Weight::from_parts(252_163_329, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	fn unpack() -> Weight {
		Weight::from_parts(643_079_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn ship(i: u32, ) -> Weight {
		Weight::from_parts(747_055_430, 6364)
			.saturating_add(Weight::from_parts(330_364_033, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	fn ship_container_holding(u: u32, ) -> Weight {
		Weight::from_parts(889_997_556, 6364)
			.saturating_add(Weight::from_parts(7_777, 0).saturating_mul(u.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn receive(i: u32, ) -> Weight {
		Weight::from_parts(480_950_670, 7124)
			.saturating_add(Weight::from_parts(182_363_459, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	fn dispense() -> Weight {
		Weight::from_parts(967_693_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn decommission() -> Weight {
		Weight::from_parts(687_255_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn recall_lot() -> Weight {
		Weight::from_parts(638_302_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn recall_lot_of_size(u: u32, ) -> Weight {
		Weight::from_parts(753_629_364, 3677)
			.saturating_add(Weight::from_parts(9_170, 0).saturating_mul(u.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn report_suspect() -> Weight {
		Weight::from_parts(595_187_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn resolve_suspect() -> Weight {
		Weight::from_parts(670_289_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn return_unit() -> Weight {
		Weight::from_parts(1_286_038_000, 6364)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
