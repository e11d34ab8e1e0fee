//! Benchmarks of `pallet-node-authorization`, which ships none of its own (its `()` weights are
//! a flat 50 µs with no proof size). They run against this runtime's storage and bounds, at the
//! worst case each call can meet here:
//!
//! - the set of well-known nodes is as large as the pallet lets it grow (`MaxWellKnownNodes`:
//!   `add_well_known_node` accepts a node while the set holds fewer than that, so the set ends at
//!   the bound) and every peer id is as long as it may be (`MaxPeerIdLength - 1` bytes), since
//!   the whole set is one storage value decoded and encoded by every governance call;
//! - `AdditionalConnections` is empty: its only writer, `add_connections`, is filtered out by
//!   the runtime (`configs::MedchainCallFilter`), and the genesis does not set it.
//!
//! The self-service calls (`claim_node`, `remove_claim`, `transfer_node`, `add_connections`,
//! `remove_connections`) are unreachable here; they are measured with one connection only so that
//! the weight trait is filled with measured figures rather than placeholders.

use alloc::{collections::BTreeSet, vec, vec::Vec};
use core::marker::PhantomData;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use pallet_node_authorization::{AdditionalConnections, Owners, Pallet as Peers, WellKnownNodes};
use sp_core::OpaquePeerId as PeerId;
use sp_runtime::traits::StaticLookup;

/// The benchmarked pallet, wrapped so that its benchmarks can live in this crate.
pub struct Pallet<T: Config>(PhantomData<T>);

/// What the benchmarks need of the runtime: the pallet itself.
pub trait Config: pallet_node_authorization::Config {}

/// A distinct peer id of the longest length the pallet accepts.
fn peer<T: Config>(index: u32) -> PeerId {
	let len = T::MaxPeerIdLength::get().saturating_sub(1) as usize;
	let mut bytes = vec![0xa5u8; len.max(4)];
	for (byte, value) in bytes.iter_mut().zip(index.to_be_bytes()) {
		*byte = value;
	}
	PeerId(bytes)
}

/// `count` well-known nodes, each owned by `owner`, stored as the genesis would store them.
fn well_known<T: Config>(count: u32, owner: &T::AccountId) -> Vec<PeerId> {
	let nodes: Vec<PeerId> = (0..count).map(peer::<T>).collect();
	WellKnownNodes::<T>::put(nodes.iter().cloned().collect::<BTreeSet<_>>());
	for node in &nodes {
		Owners::<T>::insert(node, owner.clone());
	}
	nodes
}

fn max_nodes<T: Config>() -> u32 {
	T::MaxWellKnownNodes::get()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_well_known_node() -> Result<(), BenchmarkError> {
		let origin =
			T::AddOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner: T::AccountId = account("owner", 0, 0);
		well_known::<T>(max_nodes::<T>().saturating_sub(1), &owner);
		let node = peer::<T>(u32::MAX);

		#[block]
		{
			Peers::<T>::add_well_known_node(
				origin,
				node.clone(),
				T::Lookup::unlookup(owner.clone()),
			)?;
		}

		assert!(WellKnownNodes::<T>::get().contains(&node));
		assert_eq!(Owners::<T>::get(&node), Some(owner));
		Ok(())
	}

	#[benchmark]
	fn remove_well_known_node() -> Result<(), BenchmarkError> {
		let origin =
			T::RemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner: T::AccountId = account("owner", 0, 0);
		let nodes = well_known::<T>(max_nodes::<T>(), &owner);
		let node = nodes.last().cloned().ok_or(BenchmarkError::Weightless)?;

		#[block]
		{
			Peers::<T>::remove_well_known_node(origin, node.clone())?;
		}

		assert!(!WellKnownNodes::<T>::get().contains(&node));
		assert_eq!(Owners::<T>::get(&node), None);
		Ok(())
	}

	#[benchmark]
	fn swap_well_known_node() -> Result<(), BenchmarkError> {
		let origin =
			T::SwapOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner: T::AccountId = account("owner", 0, 0);
		let nodes = well_known::<T>(max_nodes::<T>(), &owner);
		let removed = nodes.first().cloned().ok_or(BenchmarkError::Weightless)?;
		let added = peer::<T>(u32::MAX);

		#[block]
		{
			Peers::<T>::swap_well_known_node(origin, removed.clone(), added.clone())?;
		}

		let set = WellKnownNodes::<T>::get();
		assert!(set.contains(&added) && !set.contains(&removed));
		assert_eq!(Owners::<T>::get(&added), Some(owner));
		Ok(())
	}

	#[benchmark]
	fn reset_well_known_nodes() -> Result<(), BenchmarkError> {
		let origin =
			T::ResetOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let old_owner: T::AccountId = account("owner", 0, 0);
		well_known::<T>(max_nodes::<T>(), &old_owner);
		let new_owner: T::AccountId = account("owner", 1, 0);
		// The largest set `reset_well_known_nodes` accepts, none of them known before.
		let nodes: Vec<(PeerId, T::AccountId)> = (0..max_nodes::<T>().saturating_sub(1))
			.map(|i| (peer::<T>(u32::MAX.saturating_sub(i)), new_owner.clone()))
			.collect();

		#[block]
		{
			Peers::<T>::reset_well_known_nodes(origin, nodes.clone())?;
		}

		assert_eq!(WellKnownNodes::<T>::get().len(), nodes.len());
		Ok(())
	}

	#[benchmark]
	fn claim_node() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let node = peer::<T>(0);

		#[block]
		{
			Peers::<T>::claim_node(RawOrigin::Signed(caller.clone()).into(), node.clone())?;
		}

		assert_eq!(Owners::<T>::get(&node), Some(caller));
		Ok(())
	}

	#[benchmark]
	fn remove_claim() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let owner: T::AccountId = account("owner", 0, 0);
		well_known::<T>(max_nodes::<T>(), &owner);
		let node = peer::<T>(u32::MAX);
		Owners::<T>::insert(&node, caller.clone());

		#[block]
		{
			Peers::<T>::remove_claim(RawOrigin::Signed(caller).into(), node.clone())?;
		}

		assert_eq!(Owners::<T>::get(&node), None);
		Ok(())
	}

	#[benchmark]
	fn transfer_node() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let target: T::AccountId = account("target", 0, 0);
		let node = peer::<T>(0);
		Owners::<T>::insert(&node, caller.clone());

		#[block]
		{
			Peers::<T>::transfer_node(
				RawOrigin::Signed(caller).into(),
				node.clone(),
				T::Lookup::unlookup(target.clone()),
			)?;
		}

		assert_eq!(Owners::<T>::get(&node), Some(target));
		Ok(())
	}

	#[benchmark]
	fn add_connections() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let node = peer::<T>(0);
		Owners::<T>::insert(&node, caller.clone());
		let connection = peer::<T>(1);

		#[block]
		{
			Peers::<T>::add_connections(
				RawOrigin::Signed(caller).into(),
				node.clone(),
				vec![connection.clone()],
			)?;
		}

		assert!(AdditionalConnections::<T>::get(&node).contains(&connection));
		Ok(())
	}

	#[benchmark]
	fn remove_connections() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let node = peer::<T>(0);
		Owners::<T>::insert(&node, caller.clone());
		let connection = peer::<T>(1);
		AdditionalConnections::<T>::insert(&node, BTreeSet::from([connection.clone()]));

		#[block]
		{
			Peers::<T>::remove_connections(
				RawOrigin::Signed(caller).into(),
				node.clone(),
				vec![connection.clone()],
			)?;
		}

		assert!(AdditionalConnections::<T>::get(&node).is_empty());
		Ok(())
	}
}
