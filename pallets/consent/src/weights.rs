// Medchain weights. Node profile: debug. Host functions (hashing, storage access) run
// native code of that profile, so a debug node gives upper bounds; MEDCHAIN_PROFILE=release
// ./scripts/bench.sh gives production weights.

//! Weights for `pallet_consent`, generated from its benchmarks; do not edit by hand.
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
//!   pallet_consent
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
//!   /tmp/tmp.v76eLJ2de7
//!   --output
//!   pallets/consent/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_consent`.
pub trait WeightInfo {
	fn grant_consent() -> Weight;
	fn revoke_consent() -> Weight;
	fn request_consent() -> Weight;
	fn approve_request() -> Weight;
	fn reject_request() -> Weight;
	fn emergency_access() -> Weight;
	fn review_emergency_access() -> Weight;
	fn purge_consent() -> Weight;
	fn check_access_one_consent() -> Weight;
	fn check_access_most_consents() -> Weight;
	fn free_call_lookup() -> Weight;
}

/// Weights for `pallet_consent` measured on the reference machine, with the runtime's database weights.
pub struct MedchainWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for MedchainWeight<T> {
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsentCount` (r:1 w:1)
	/// Proof: `Consent::PatientConsentCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsentCount` (r:1 w:1)
	/// Proof: `Consent::GranteeConsentCount` (`max_values`: None, `max_size`: Some(53), added: 2528, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextConsentId` (r:1 w:1)
	/// Proof: `Consent::NextConsentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:1 w:1)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Consents` (r:0 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsents` (r:0 w:1)
	/// Proof: `Consent::GranteeConsents` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:0 w:1)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn grant_consent() -> Weight {
		// Proof size: measured `1737`, estimated `4059`.
		// Minimum execution time: 1_371_846_000 picoseconds.
		Weight::from_parts(1_475_160_000, 4059)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `Consent::Consents` (r:1 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:1 w:1)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	fn revoke_consent() -> Weight {
		// Proof size: measured `1260`, estimated `4059`.
		// Minimum execution time: 766_122_000 picoseconds.
		Weight::from_parts(837_479_000, 4059)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingRequestCount` (r:1 w:1)
	/// Proof: `Consent::PendingRequestCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextRequestId` (r:1 w:1)
	/// Proof: `Consent::NextRequestId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:0 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Requests` (r:0 w:1)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(163), added: 2638, mode: `MaxEncodedLen`)
	fn request_consent() -> Weight {
		// Proof size: measured `1097`, estimated `3807`.
		// Minimum execution time: 757_159_000 picoseconds.
		Weight::from_parts(832_131_000, 3807)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consent::Requests` (r:1 w:1)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(163), added: 2638, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsentCount` (r:1 w:1)
	/// Proof: `Consent::PatientConsentCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsentCount` (r:1 w:1)
	/// Proof: `Consent::GranteeConsentCount` (`max_values`: None, `max_size`: Some(53), added: 2528, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextConsentId` (r:1 w:1)
	/// Proof: `Consent::NextConsentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:1 w:1)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingRequestCount` (r:1 w:1)
	/// Proof: `Consent::PendingRequestCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Consents` (r:0 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:0 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsents` (r:0 w:1)
	/// Proof: `Consent::GranteeConsents` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:0 w:1)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn approve_request() -> Weight {
		// Proof size: measured `1687`, estimated `4059`.
		// Minimum execution time: 1_473_207_000 picoseconds.
		Weight::from_parts(1_624_373_000, 4059)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `Consent::Requests` (r:1 w:1)
	/// Proof: `Consent::Requests` (`max_values`: None, `max_size`: Some(163), added: 2638, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Guardians` (r:1 w:0)
	/// Proof: `PatientIdentity::Guardians` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingRequestCount` (r:1 w:1)
	/// Proof: `Consent::PendingRequestCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientRequests` (r:0 w:1)
	/// Proof: `Consent::PatientRequests` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn reject_request() -> Weight {
		// Proof size: measured `635`, estimated `3807`.
		// Minimum execution time: 703_360_000 picoseconds.
		Weight::from_parts(760_985_000, 3807)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Organizations` (r:1 w:0)
	/// Proof: `Consortium::Organizations` (`max_values`: None, `max_size`: Some(212), added: 2687, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:2 w:0)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextEmergencyAccessId` (r:1 w:1)
	/// Proof: `Consent::NextEmergencyAccessId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::ActiveEmergency` (r:0 w:1)
	/// Proof: `Consent::ActiveEmergency` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Consent::EmergencyAccesses` (r:0 w:1)
	/// Proof: `Consent::EmergencyAccesses` (`max_values`: None, `max_size`: Some(166), added: 2641, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Unreviewed` (r:0 w:1)
	/// Proof: `Consent::Unreviewed` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn emergency_access() -> Weight {
		// Proof size: measured `1821`, estimated `7128`.
		// Minimum execution time: 955_986_000 picoseconds.
		Weight::from_parts(1_061_833_000, 7128)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consent::EmergencyAccesses` (r:1 w:1)
	/// Proof: `Consent::EmergencyAccesses` (`max_values`: None, `max_size`: Some(166), added: 2641, mode: `MaxEncodedLen`)
	/// Storage: `Consortium::Practitioners` (r:1 w:0)
	/// Proof: `Consortium::Practitioners` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `PatientIdentity::Patients` (r:1 w:0)
	/// Proof: `PatientIdentity::Patients` (`max_values`: None, `max_size`: Some(342), added: 2817, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::ActiveEmergency` (r:1 w:1)
	/// Proof: `Consent::ActiveEmergency` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Unreviewed` (r:0 w:1)
	/// Proof: `Consent::Unreviewed` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn review_emergency_access() -> Weight {
		// Proof size: measured `1012`, estimated `3807`.
		// Minimum execution time: 684_921_000 picoseconds.
		Weight::from_parts(748_857_000, 3807)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Consent::Consents` (r:1 w:1)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Rules` (r:1 w:1)
	/// Proof: `Consent::Rules` (`max_values`: None, `max_size`: Some(594), added: 3069, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsentCount` (r:1 w:1)
	/// Proof: `Consent::PatientConsentCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsentCount` (r:1 w:1)
	/// Proof: `Consent::GranteeConsentCount` (`max_values`: None, `max_size`: Some(53), added: 2528, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GranteeConsents` (r:0 w:1)
	/// Proof: `Consent::GranteeConsents` (`max_values`: None, `max_size`: Some(65), added: 2540, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PatientConsents` (r:0 w:1)
	/// Proof: `Consent::PatientConsents` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn purge_consent() -> Weight {
		// Proof size: measured `1096`, estimated `4059`.
		// Minimum execution time: 718_391_000 picoseconds.
		Weight::from_parts(780_204_000, 4059)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
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
	fn check_access_one_consent() -> Weight {
		// Proof size: measured `1290`, estimated `7128`.
		// Minimum execution time: 587_507_000 picoseconds.
		Weight::from_parts(616_279_000, 7128)
			.saturating_add(T::DbWeight::get().reads(6_u64))
	}
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
	fn check_access_most_consents() -> Weight {
		// Proof size: measured `2454`, estimated `7128`.
		// Minimum execution time: 675_137_000 picoseconds.
		Weight::from_parts(704_311_000, 7128)
			.saturating_add(T::DbWeight::get().reads(6_u64))
	}
	/// Storage: `Consent::Consents` (r:1 w:0)
	/// Proof: `Consent::Consents` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	fn free_call_lookup() -> Weight {
		// Proof size: measured `381`, estimated `3693`.
		// Minimum execution time: 143_264_000 picoseconds.
		Weight::from_parts(162_522_000, 3693)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn grant_consent() -> Weight {
		Weight::from_parts(1_475_160_000, 4059)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn revoke_consent() -> Weight {
		Weight::from_parts(837_479_000, 4059)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn request_consent() -> Weight {
		Weight::from_parts(832_131_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn approve_request() -> Weight {
		Weight::from_parts(1_624_373_000, 4059)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn reject_request() -> Weight {
		Weight::from_parts(760_985_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn emergency_access() -> Weight {
		Weight::from_parts(1_061_833_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn review_emergency_access() -> Weight {
		Weight::from_parts(748_857_000, 3807)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn purge_consent() -> Weight {
		Weight::from_parts(780_204_000, 4059)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn check_access_one_consent() -> Weight {
		Weight::from_parts(616_279_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
	}
	fn check_access_most_consents() -> Weight {
		Weight::from_parts(704_311_000, 7128)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
	}
	fn free_call_lookup() -> Weight {
		Weight::from_parts(162_522_000, 3693)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
}
