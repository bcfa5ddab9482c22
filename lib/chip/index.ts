// The card's IC chip: what reads it (ChipReader), the server's real check
// of its challenge signature, and the card simulator that stands in for the
// chip in the demo.
export { isChipSignatureValid, type ChipReader } from './reader';
export { CardSimulator, loadCardSimulator } from './simulator';
