// Medchain weights. Node profile: debug. Host functions (hashing, storage access) run
// native code of that profile, so a debug node gives upper bounds; MEDCHAIN_PROFILE=release
// ./scripts/bench.sh gives production weights.

//! Weights for `pallet_patient_identity`, generated from its benchmarks; do not edit by hand.
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
//!   pallet_patient_identity
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
//!   /tmp/tmp.Yyw9wv9HCL
//!   --output
//!   pallets/patient-identity/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_patient_identity`.
pub trait WeightInfo {
	fn register_patient() -> Weight;
	fn register_patient_for() -> Weight;
	fn add_controller() -> Weight;
	fn remove_controller() -> Weight;
	fn add_guardian() -> Weight;
	fn remove_guardian() -> Weight;
	fn rotate_encryption_key() -> Weight;
	fn recover_patient() -> Weight;
	fn deactivate_patient() -> Weight;
	fn use_free_call() -> Weight;
}

/// Weights for `pallet_patient_identity` measured on the reference machine, with the runtime's database weights.
pub struct MedchainWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for MedchainWeight<T> {
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	fn register_patient() -> Weight {
		// Proof size: measured `4`, estimated `3807`.
		// Minimum execution time: 326_928_000 picoseconds.
		Weight::from_parts(350_302_000, 3807)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn register_patient_for() -> Weight {
		// Proof size: measured `844`, estimated `3807`.
		// Minimum execution time: 529_359_000 picoseconds.
		Weight::from_parts(574_497_000, 3807)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn add_controller() -> Weight {
		// Proof size: measured `466`, estimated `3807`.
		// Minimum execution time: 459_064_000 picoseconds.
		Weight::from_parts(484_343_000, 3807)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn remove_controller() -> Weight {
		// Proof size: measured `687`, estimated `3807`.
		// Minimum execution time: 392_485_000 picoseconds.
		Weight::from_parts(413_817_000, 3807)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:1)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn add_guardian() -> Weight {
		// Proof size: measured `1471`, estimated `3807`.
		// Minimum execution time: 660_596_000 picoseconds.
		Weight::from_parts(696_770_000, 3807)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:1)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn remove_guardian() -> Weight {
		// Proof size: measured `1528`, estimated `3807`.
		// Minimum execution time: 667_085_000 picoseconds.
		Weight::from_parts(767_284_000, 3807)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	fn rotate_encryption_key() -> Weight {
		// Proof size: measured `375`, estimated `3807`.
		// Minimum execution time: 307_539_000 picoseconds.
		Weight::from_parts(353_898_000, 3807)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn recover_patient() -> Weight {
		// Proof size: measured `2168`, estimated `24417`.
		// Minimum execution time: 1_444_694_000 picoseconds.
		Weight::from_parts(1_591_053_000, 24417)
			.saturating_add(T::DbWeight::get().reads(13_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:1)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:8 w:8)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:8 w:8)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::FreeCalls` (r:0 w:1)
	/// Proof: `PatientIdentity::FreeCalls` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn deactivate_patient() -> Weight {
		// Proof size: measured `1939`, estimated `21814`.
		// Minimum execution time: 1_284_886_000 picoseconds.
		Weight::from_parts(1_413_117_000, 21814)
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(18_u64))
	}
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::FreeCalls` (r:1 w:1)
	/// Proof: `PatientIdentity::FreeCalls` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn use_free_call() -> Weight {
		// Proof size: measured `453`, estimated `3807`.
		// Minimum execution time: 347_158_000 picoseconds.
		Weight::from_parts(407_478_000, 3807)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_patient() -> Weight {
		Weight::from_parts(350_302_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn register_patient_for() -> Weight {
		Weight::from_parts(574_497_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn add_controller() -> Weight {
		Weight::from_parts(484_343_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_controller() -> Weight {
		Weight::from_parts(413_817_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn add_guardian() -> Weight {
		Weight::from_parts(696_770_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_guardian() -> Weight {
		Weight::from_parts(767_284_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn rotate_encryption_key() -> Weight {
		Weight::from_parts(353_898_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn recover_patient() -> Weight {
		Weight::from_parts(1_591_053_000, 24417)
			.saturating_add(ParityDbWeight::get().reads(13_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn deactivate_patient() -> Weight {
		Weight::from_parts(1_413_117_000, 21814)
			.saturating_add(ParityDbWeight::get().reads(17_u64))
			.saturating_add(ParityDbWeight::get().writes(18_u64))
	}
	fn use_free_call() -> Weight {
		Weight::from_parts(407_478_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
