// DataMatrix decoding with zxing-cpp (zxing-wasm's reader), its wasm served from this app's
// own origin: a photo or the camera gives the symbol's element string, GS separators and the
// `]d2` symbology identifier included, which the client parses as a scanner's output.
import { prepareZXingModule, readBarcodes, type ReadResult } from "zxing-wasm/reader";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path),
  },
});

const OPTIONS = { formats: ["DataMatrix"] as ("DataMatrix")[], tryHarder: true, maxNumberOfSymbols: 1 };

/** The symbol's data as a scanner sends it: its symbology identifier, then its text. */
function scanned(result: ReadResult): string {
  return `${result.symbologyIdentifier}${result.text}`;
}

/** The code found in an image: its element string, or an error naming what went wrong. */
export async function decodeImage(image: Blob): Promise<string> {
  const [found] = (await readBarcodes(image, OPTIONS)).filter((r) => r.isValid);
  if (!found) throw new Error("no DataMatrix code was found in the image: take the photo closer, flat and in focus");
  return scanned(found);
}

/** A running camera scan. */
export interface Camera {
  stop(): void;
}

/**
 * Starts the camera in `video` and decodes a frame every 250 ms until a code is found, then
 * calls `onCode` with it once per code shown (a code held in view is not verified twice).
 */
export async function startCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Camera> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let last = "";
  let stopped = false;
  const tick = async () => {
    if (stopped || !context || video.videoWidth === 0) return;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const [found] = (await readBarcodes(context.getImageData(0, 0, canvas.width, canvas.height), OPTIONS)).filter((r) => r.isValid);
    const text = found ? scanned(found) : "";
    if (text && text !== last) onCode(text);
    last = text;
  };
  const timer = setInterval(() => void tick(), 250);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
      video.hidden = true;
    },
  };
}
