// PLACEHOLDER until scripts/bench.sh pallet_node_authorization regenerates this file.
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_node_authorization::WeightInfo for WeightInfo<T> {
	fn add_well_known_node() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn remove_well_known_node() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn swap_well_known_node() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn reset_well_known_nodes() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn claim_node() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn remove_claim() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn transfer_node() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn add_connections() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
	fn remove_connections() -> Weight {
		Weight::from_parts(50_000_000, 0)
	}
}
