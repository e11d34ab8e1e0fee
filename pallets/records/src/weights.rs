// Medchain weights. Node profile: debug. Host functions (hashing, storage access) run
// native code of that profile, so a debug node gives upper bounds; MEDCHAIN_PROFILE=release
// ./scripts/bench.sh gives production weights.

//! Weights for `pallet_records`, generated from its benchmarks; do not edit by hand.
//!
//! Produced by `scripts/bench.sh` with the benchmark CLI 64.0.0 on 2026-11-21:
//! STEPS `50`, REPEAT `20`, WASM-EXECUTION `Compiled`,
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
//!   pallet_records
//!   --extrinsic
//!   *
//!   --wasm-execution
//!   compiled
//!   --steps
//!   50
//!   --repeat
//!   20
//!   --heap-pages
//!   4096
//!   --template
//!   scripts/weight-template.hbs
//!   --header
//!   /tmp/tmp.hte91LK5AO
//!   --output
//!   pallets/records/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_records`.
pub trait WeightInfo {
	fn anchor_record() -> Weight;
	fn anchor_record_superseding() -> Weight;
	fn mark_entered_in_error() -> Weight;
	fn erase_record() -> Weight;
	fn share_record_key() -> Weight;
	fn revoke_record_key() -> Weight;
	fn log_access() -> Weight;
	fn anchor_batch() -> Weight;
	fn prune_access_log() -> Weight;
}

/// Weights for `pallet_records` measured on the reference machine, with the runtime's database weights.
pub struct MedchainWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for MedchainWeight<T> {
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:2 w:0)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextRecordId` (r:1 w:1)
	/// Proof: `Records::NextRecordId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:0 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	fn anchor_record() -> Weight {
		// Proof size: measured `1518`, estimated `7128`.
		// Minimum execution time: 1_017_708_000 picoseconds.
		Weight::from_parts(1_134_652_000, 7128)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:2 w:0)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextRecordId` (r:1 w:1)
	/// Proof: `Records::NextRecordId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:2)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	fn anchor_record_superseding() -> Weight {
		// Proof size: measured `1972`, estimated `7128`.
		// Minimum execution time: 1_203_275_000 picoseconds.
		Weight::from_parts(1_310_845_000, 7128)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	fn mark_entered_in_error() -> Weight {
		// Proof size: measured `456`, estimated `3879`.
		// Minimum execution time: 276_733_000 picoseconds.
		Weight::from_parts(342_480_000, 3879)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	/// Storage: `Records::KeyEnvelopes` (r:32 w:32)
	/// Proof: `Records::KeyEnvelopes` (`max_values`: None, `max_size`: Some(322), added: 2797, mode: `MaxEncodedLen`)
	fn erase_record() -> Weight {
		// Proof size: measured `3402`, estimated `90494`.
		// Minimum execution time: 744_220_000 picoseconds.
		Weight::from_parts(847_555_000, 90494)
			.saturating_add(T::DbWeight::get().reads(34_u64))
			.saturating_add(T::DbWeight::get().writes(33_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:2 w:0)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Records::KeyEnvelopes` (r:1 w:1)
	/// Proof: `Records::KeyEnvelopes` (`max_values`: None, `max_size`: Some(322), added: 2797, mode: `MaxEncodedLen`)
	fn share_record_key() -> Weight {
		// Proof size: measured `2558`, estimated `7128`.
		// Minimum execution time: 1_063_607_000 picoseconds.
		Weight::from_parts(1_160_711_000, 7128)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	/// Storage: `Records::KeyEnvelopes` (r:1 w:1)
	/// Proof: `Records::KeyEnvelopes` (`max_values`: None, `max_size`: Some(322), added: 2797, mode: `MaxEncodedLen`)
	fn revoke_record_key() -> Weight {
		// Proof size: measured `1231`, estimated `3879`.
		// Minimum execution time: 582_639_000 picoseconds.
		Weight::from_parts(646_024_000, 3879)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Records::Records` (r:1 w:0)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(414), added: 2889, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:2 w:0)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Records::AccessLogWindow` (r:1 w:1)
	/// Proof: `Records::AccessLogWindow` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Records::AccessLog` (r:0 w:2)
	/// Proof: `Records::AccessLog` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	fn log_access() -> Weight {
		// Proof size: measured `2087`, estimated `7128`.
		// Minimum execution time: 1_198_548_000 picoseconds.
		Weight::from_parts(1_233_840_000, 7128)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextBatchId` (r:1 w:1)
	/// Proof: `Records::NextBatchId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::Batches` (r:0 w:1)
	/// Proof: `Records::Batches` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn anchor_batch() -> Weight {
		// Proof size: measured `836`, estimated `3677`.
		// Minimum execution time: 459_676_000 picoseconds.
		Weight::from_parts(521_689_000, 3677)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Records::AccessLogWindow` (r:1 w:1)
	/// Proof: `Records::AccessLogWindow` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Records::AccessLog` (r:0 w:500)
	/// Proof: `Records::AccessLog` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	fn prune_access_log() -> Weight {
		// Proof size: measured `280`, estimated `3807`.
		// Minimum execution time: 23_038_752_000 picoseconds.
		Weight::from_parts(23_811_985_000, 3807)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(501_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn anchor_record() -> Weight {
		Weight::from_parts(1_134_652_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn anchor_record_superseding() -> Weight {
		Weight::from_parts(1_310_845_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn mark_entered_in_error() -> Weight {
		Weight::from_parts(342_480_000, 3879)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn erase_record() -> Weight {
		Weight::from_parts(847_555_000, 90494)
			.saturating_add(ParityDbWeight::get().reads(34_u64))
			.saturating_add(ParityDbWeight::get().writes(33_u64))
	}
	fn share_record_key() -> Weight {
		Weight::from_parts(1_160_711_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn revoke_record_key() -> Weight {
		Weight::from_parts(646_024_000, 3879)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn log_access() -> Weight {
		Weight::from_parts(1_233_840_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn anchor_batch() -> Weight {
		Weight::from_parts(521_689_000, 3677)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn prune_access_log() -> Weight {
		Weight::from_parts(23_811_985_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(501_u64))
	}
}
