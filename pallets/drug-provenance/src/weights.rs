// Medchain weights. Node profile: debug. Host functions (hashing, storage access) run
// native code of that profile, so a debug node gives upper bounds; MEDCHAIN_PROFILE=release
// ./scripts/bench.sh gives production weights.

//! Weights for `pallet_drug_provenance`, generated from its benchmarks; do not edit by hand.
//!
//! Produced by `scripts/bench.sh` with the benchmark CLI 64.0.0 on 2026-11-23:
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
//!   /tmp/tmp.AgNxF2Wz5d
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
		// Minimum execution time: 650_125_000 picoseconds.
		Weight::from_parts(706_498_000, 3677)
			.saturating_add(T::DbWeight::get().reads(3_u64))
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
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:1000 w:1000)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1000)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[1, 1000]`.
	fn commission_units(s: u32, ) -> Weight {
		// Proof size: measured `1059`, estimated `3677 + s * (2602 ±0)`.
		// Minimum execution time: 1_310_164_000 picoseconds.
		Weight::from_parts(1_320_360_000, 3677)
			// Standard error: 4_661_908
			.saturating_add(Weight::from_parts(316_484_101, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(s.into()))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:102 w:1)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Units` (r:100 w:100)
	/// Proof: `DrugProvenance::Units` (`max_values`: None, `max_size`: Some(127), added: 2602, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:201)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 100]`.
	fn pack(i: u32, ) -> Weight {
		// Proof size: measured `1264 + i * (153 ±0)`, estimated `6112 + i * (2602 ±0)`.
		// Minimum execution time: 1_697_379_000 picoseconds.
		Weight::from_parts(10_463_896, 6112)
			// Standard error: 9_134_910
			.saturating_add(Weight::from_parts(727_094_040, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Containers` (r:1 w:1)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn unpack() -> Weight {
		// Proof size: measured `1057`, estimated `3677`.
		// Minimum execution time: 836_561_000 picoseconds.
		Weight::from_parts(1_007_585_000, 3677)
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
	/// Storage: `DrugProvenance::Containers` (r:100 w:0)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:200)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:0 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 100]`.
	fn ship(i: u32, ) -> Weight {
		// Proof size: measured `1262 + i * (152 ±0)`, estimated `6364 + i * (2602 ±0)`.
		// Minimum execution time: 1_575_949_000 picoseconds.
		Weight::from_parts(1_594_966_289, 6364)
			// Standard error: 12_185_886
			.saturating_add(Weight::from_parts(666_304_628, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(i.into())))
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
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:1)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:0 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	/// The range of component `u` is `[1, 10000]`.
	fn ship_container_holding(u: u32, ) -> Weight {
		// Proof size: measured `1169`, estimated `6364`.
		// Minimum execution time: 1_052_562_000 picoseconds.
		Weight::from_parts(1_294_935_297, 6364)
			// Standard error: 6_984
			.saturating_add(Weight::from_parts(5_361, 0).saturating_mul(u.into()))
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
		// Proof size: measured `1159 + i * (110 ±0)`, estimated `7124 + i * (2602 ±0)`.
		// Minimum execution time: 984_011_000 picoseconds.
		Weight::from_parts(1_106_533_402, 7124)
			// Standard error: 11_706_917
			.saturating_add(Weight::from_parts(268_583_216, 0).saturating_mul(i.into()))
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
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:2)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn dispense() -> Weight {
		// Proof size: measured `1261`, estimated `3677`.
		// Minimum execution time: 1_317_255_000 picoseconds.
		Weight::from_parts(1_438_555_000, 3677)
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
	/// Storage: `DrugProvenance::Containers` (r:1 w:0)
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:2)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	fn decommission() -> Weight {
		// Proof size: measured `1166`, estimated `3677`.
		// Minimum execution time: 1_092_061_000 picoseconds.
		Weight::from_parts(1_197_597_000, 3677)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
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
		// Proof size: measured `1157`, estimated `3677`.
		// Minimum execution time: 853_998_000 picoseconds.
		Weight::from_parts(1_096_106_000, 3677)
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
		// Proof size: measured `1191`, estimated `3677`.
		// Minimum execution time: 941_307_000 picoseconds.
		Weight::from_parts(1_176_127_414, 3677)
			// Standard error: 6_839
			.saturating_add(Weight::from_parts(1_867, 0).saturating_mul(u.into()))
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
		// Proof size: measured `1074`, estimated `3677`.
		// Minimum execution time: 887_547_000 picoseconds.
		Weight::from_parts(1_068_826_000, 3677)
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
		// Proof size: measured `1262`, estimated `3677`.
		// Minimum execution time: 936_309_000 picoseconds.
		Weight::from_parts(1_110_979_000, 3677)
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
	/// Proof: `DrugProvenance::Containers` (`max_values`: None, `max_size`: Some(86), added: 2561, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Lots` (r:1 w:0)
	/// Proof: `DrugProvenance::Lots` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::NextShipmentId` (r:1 w:1)
	/// Proof: `DrugProvenance::NextShipmentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::History` (r:0 w:2)
	/// Proof: `DrugProvenance::History` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `DrugProvenance::Shipments` (r:0 w:1)
	/// Proof: `DrugProvenance::Shipments` (`max_values`: None, `max_size`: Some(3659), added: 6134, mode: `MaxEncodedLen`)
	fn return_unit() -> Weight {
		// Proof size: measured `1377`, estimated `6364`.
		// Minimum execution time: 1_771_689_000 picoseconds.
		Weight::from_parts(2_020_438_000, 6364)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_product() -> Weight {
		Weight::from_parts(706_498_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn commission_units(s: u32, ) -> Weight {
		Weight::from_parts(1_320_360_000, 3677)
			.saturating_add(Weight::from_parts(316_484_101, 0).saturating_mul(s.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(s.into()))
	}
	fn pack(i: u32, ) -> Weight {
		Weight::from_parts(10_463_896, 6112)
			.saturating_add(Weight::from_parts(727_094_040, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((3_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	fn unpack() -> Weight {
		Weight::from_parts(1_007_585_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn ship(i: u32, ) -> Weight {
		Weight::from_parts(1_594_966_289, 6364)
			.saturating_add(Weight::from_parts(666_304_628, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((3_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	fn ship_container_holding(u: u32, ) -> Weight {
		Weight::from_parts(1_294_935_297, 6364)
			.saturating_add(Weight::from_parts(5_361, 0).saturating_mul(u.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn receive(i: u32, ) -> Weight {
		Weight::from_parts(1_106_533_402, 7124)
			.saturating_add(Weight::from_parts(268_583_216, 0).saturating_mul(i.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(i.into())))
			.saturating_add(Weight::from_parts(0, 2602).saturating_mul(i.into()))
	}
	fn dispense() -> Weight {
		Weight::from_parts(1_438_555_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn decommission() -> Weight {
		Weight::from_parts(1_197_597_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn recall_lot() -> Weight {
		Weight::from_parts(1_096_106_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn recall_lot_of_size(u: u32, ) -> Weight {
		Weight::from_parts(1_176_127_414, 3677)
			.saturating_add(Weight::from_parts(1_867, 0).saturating_mul(u.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn report_suspect() -> Weight {
		Weight::from_parts(1_068_826_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn resolve_suspect() -> Weight {
		Weight::from_parts(1_110_979_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn return_unit() -> Weight {
		Weight::from_parts(2_020_438_000, 6364)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
