//! Decrypt: the inverse of Encrypt (see [`super::encrypt`]), with the same keys, modes and streaming.
//! Allowed with Active, Deactivated and Compromised keys, from their Process Start Date on; a failed
//! authentication tag or padding check is Cryptographic Failure and releases no data.

use keyhaven_kmip::error::KmipResult;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::crypto::cipher::Direction;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    super::encrypt::run_cipher(ctx, payload, Direction::Decrypt)
}
