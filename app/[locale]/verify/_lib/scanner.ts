// Reading a QR code from the camera: the browser's BarcodeDetector where it
// has one (Android Chrome, Safari), else ZXing's QR reader (@zxing/library),
// loaded only then and only its QR parts.

type Detect = (source: HTMLVideoElement | HTMLCanvasElement) => Promise<string | null>;

type BarcodeDetectorLike = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type BarcodeDetectorCtor = {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
};

async function nativeDetector(): Promise<Detect | null> {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? ['qr_code'];
    if (!formats.includes('qr_code')) return null;
    const detector = new Ctor({ formats: ['qr_code'] });
    return async (source) => (await detector.detect(source))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function zxingDetector(): Promise<Detect> {
  const [{ default: QRCodeReader }, { default: BinaryBitmap }, { default: HybridBinarizer }, { default: RGBLuminanceSource }] =
    await Promise.all([
      import('@zxing/library/esm/core/qrcode/QRCodeReader'),
      import('@zxing/library/esm/core/BinaryBitmap'),
      import('@zxing/library/esm/core/common/HybridBinarizer'),
      import('@zxing/library/esm/core/RGBLuminanceSource'),
    ]);
  const reader = new QRCodeReader();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (source) => {
    const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
    const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
    if (!width || !height) return null;
    // Large enough for a version-16 code filling a third of the frame, small enough to decode quickly.
    const scale = Math.min(1, 960 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const luminance = new Uint8ClampedArray(canvas.width * canvas.height);
    for (let i = 0, j = 0; j < luminance.length; i += 4, j++) {
      luminance[j] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    }
    try {
      const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, canvas.width, canvas.height)));
      return reader.decode(bitmap).getText();
    } catch {
      return null; // no code in this frame
    }
  };
}

export type Scanner = { stop(): void; engine: 'native' | 'zxing' };

/** Starts the rear camera into `video` and calls onCode with each code's text (once per distinct code). */
export async function startScanner(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  await video.play();
  const native = await nativeDetector();
  const detect = native ?? (await zxingDetector());
  let stopped = false;
  let last = '';
  const tick = async () => {
    if (stopped) return;
    try {
      const text = await detect(video);
      if (text && text !== last) {
        last = text;
        onCode(text);
      }
    } catch {
      // A frame that could not be read: try the next one.
    }
    if (!stopped) setTimeout(tick, 200);
  };
  void tick();
  return {
    engine: native ? 'native' : 'zxing',
    stop() {
      stopped = true;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
