// QR codes for the card screen and the verifier's request, as SVG made on
// the server (no QR library in the phone's JavaScript).
import QRCode from 'qrcode';

export const QR_ERROR_CORRECTION = 'M' as const;

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: 4 });
}

/** The QR version (1–40) a text needs at error correction M. */
export function qrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION }).version;
}
