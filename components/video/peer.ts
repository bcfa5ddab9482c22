// The browser half of the video check's WebRTC link, for both sides, with
// no framework in it. Signalling goes through the app (and its database):
// each side polls the other's messages (every 250 ms while connecting, every
// second once connected) and posts its own, in order. The resident offers;
// the officer answers. Every offer starts a new "generation" (a fresh
// RTCPeerConnection) and candidates carry their generation, so a reload or a
// lost connection on either side simply starts over: the resident offers
// when it (re)joins, the officer says "hello" when it (re)opens the session
// (which asks the resident for a new offer), and stale messages are ignored.
// A description waits briefly for ICE gathering, so the candidates found by
// then travel inside it (one relay message, not one per candidate); any
// found later trickle.

export type SignalKind = 'hello' | 'offer' | 'answer' | 'candidate' | 'bye' | 'prompt';
export type RelayedSignal = { seq: number; kind: SignalKind; payload: unknown };

/** How this side reaches the relay (the resident's and the officer's endpoints differ). */
export type SignalTransport = {
  post(kind: SignalKind, payload: unknown, options?: { keepalive?: boolean }): Promise<void>;
  read(after: number): Promise<{ signals: RelayedSignal[]; ended: boolean }>;
};

export type LinkStatus = 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

export type PeerLinkOptions = {
  role: 'officer' | 'resident';
  transport: SignalTransport;
  iceServers: RTCIceServer[];
  /** This side's camera and microphone (null: receive only). */
  localStream: MediaStream | null;
  /** Read only the relay messages after this sequence number (those before belong to an earlier page). */
  after: number;
  onRemoteStream(stream: MediaStream): void;
  onStatus(status: LinkStatus): void;
  /** The officer showed a liveness prompt (resident side). */
  onPrompt?(prompt: unknown): void;
  /** The relay says the session has its outcome. */
  onEnded?(): void;
};

type Description = { generation: string; sdp: string };
type Candidate = { generation: string; candidate: RTCIceCandidateInit | null };

/** Polling while negotiating, and once connected (only "bye", prompts and renegotiation come then). */
const POLL_NEGOTIATING_MS = 250;
const POLL_CONNECTED_MS = 1000;
/** How long a description waits for ICE gathering (host candidates take milliseconds; STUN/TURN longer). */
const GATHER_WAIT_MS = 800;

function newGeneration(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class PeerLink {
  private pc: RTCPeerConnection | null = null;
  private generation = '';
  private pending: RTCIceCandidateInit[] = [];
  /** The description of this generation has been sent: candidates found from now on trickle. */
  private described = false;
  private after: number;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private status: LinkStatus = 'waiting';
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private outbox: Promise<void> = Promise.resolve();

  /** When this side started (epoch ms), and when the other side's video first played here: what the bench measures. */
  startedAt = 0;
  remotePlayingAt: number | null = null;

  constructor(private readonly options: PeerLinkOptions) {
    this.after = options.after;
  }

  private get offerer(): boolean {
    return this.options.role === 'resident';
  }

  /** The remote <video> played its first frames. */
  markRemotePlaying(): void {
    this.remotePlayingAt ??= Date.now();
  }

  /** The current connection (for getStats in tests and the bench). */
  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  async start(): Promise<void> {
    this.startedAt = Date.now();
    this.setStatus('waiting');
    void this.poll();
    if (this.offerer) await this.offer();
    else await this.hello();
  }

  /** Leaves: tells the other side (even while the page unloads) and closes. */
  stop(options: { tell?: boolean } = {}): void {
    if (this.stopped) return;
    if (options.tell !== false) void this.options.transport.post('bye', {}, { keepalive: true }).catch(() => {});
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.closePeer();
    this.setStatus('ended');
  }

  private setStatus(status: LinkStatus) {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus(status);
  }

  private closePeer() {
    if (!this.pc) return;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.pc = null;
  }

  private newPeer(generation: string): RTCPeerConnection {
    this.closePeer();
    this.generation = generation;
    this.pending = [];
    this.described = false;
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    const stream = this.options.localStream;
    if (stream) for (const track of stream.getTracks()) pc.addTrack(track, stream);
    else if (this.offerer) {
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
    }
    pc.onicecandidate = (event) => {
      // Before the description went out, candidates travel inside it.
      if (pc !== this.pc || !this.described) return;
      const payload: Candidate = { generation, candidate: event.candidate ? event.candidate.toJSON() : null };
      void this.send('candidate', payload);
    };
    pc.ontrack = (event) => {
      const remote = event.streams[0] ?? new MediaStream([event.track]);
      this.options.onRemoteStream(remote);
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      switch (pc.connectionState) {
        case 'connected':
          this.setStatus('connected');
          break;
        case 'connecting':
          if (this.status !== 'reconnecting') this.setStatus('connecting');
          break;
        case 'disconnected':
          this.setStatus('reconnecting');
          this.scheduleRestart(4000);
          break;
        case 'failed':
          this.setStatus('reconnecting');
          this.scheduleRestart(500);
          break;
        default:
          break;
      }
    };
    this.pc = pc;
    return pc;
  }

  /** A connection that stays down starts over: the resident offers again, the officer asks for an offer. */
  private scheduleRestart(ms: number) {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopped || (this.pc && this.pc.connectionState === 'connected')) return;
      void (this.offerer ? this.offer() : this.hello());
    }, ms);
  }

  /**
   * Posts one signal after every earlier one (a chain): the relay then holds
   * them in the order they were made, so a description always comes before
   * the candidates that trickle after it.
   */
  private send(kind: SignalKind, payload: unknown): Promise<void> {
    const post = async () => {
      if (this.stopped) return;
      try {
        await this.options.transport.post(kind, payload);
      } catch {
        // One more try: a lost post would leave the other side waiting.
        await new Promise((r) => setTimeout(r, 400));
        if (!this.stopped) await this.options.transport.post(kind, payload).catch(() => {});
      }
    };
    this.outbox = this.outbox.then(post, post);
    return this.outbox;
  }

  /** Waits until ICE gathering is complete, or GATHER_WAIT_MS, whichever comes first. */
  private gathered(pc: RTCPeerConnection): Promise<void> {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        resolve();
      };
      const check = () => {
        if (pc.iceGatheringState === 'complete') done();
      };
      const timer = setTimeout(done, GATHER_WAIT_MS);
      pc.addEventListener('icegatheringstatechange', check);
    });
  }

  /** Sends this generation's description, with the candidates gathered so far inside it. */
  private async describe(pc: RTCPeerConnection, kind: 'offer' | 'answer', generation: string): Promise<void> {
    await this.gathered(pc);
    if (pc !== this.pc) return;
    this.described = true;
    const description: Description = { generation, sdp: pc.localDescription?.sdp ?? '' };
    await this.send(kind, description);
  }

  /** The officer (re)opened the session: ask the resident for a fresh offer. */
  private async hello() {
    this.closePeer();
    this.generation = '';
    await this.send('hello', { generation: newGeneration() });
  }

  private async offer() {
    const generation = newGeneration();
    const pc = this.newPeer(generation);
    if (this.status === 'connected') this.setStatus('reconnecting');
    await pc.setLocalDescription(await pc.createOffer());
    await this.describe(pc, 'offer', generation);
  }

  private async addCandidate(init: RTCIceCandidateInit | null) {
    if (!this.pc) return;
    if (!this.pc.remoteDescription) {
      if (init) this.pending.push(init);
      return;
    }
    try {
      await this.pc.addIceCandidate(init ?? undefined);
    } catch {
      // A candidate the browser cannot use (another network's): the others may do.
    }
  }

  private async flushPending() {
    const queued = this.pending;
    this.pending = [];
    for (const c of queued) await this.addCandidate(c);
  }

  private async handle(signal: RelayedSignal) {
    const payload = (signal.payload ?? {}) as Partial<Description & Candidate & { prompt: unknown }>;
    switch (signal.kind) {
      case 'hello':
        // The officer (re)opened the session: a new offer.
        if (this.offerer) await this.offer();
        break;
      case 'offer': {
        if (this.offerer || typeof payload.sdp !== 'string' || !payload.generation) break;
        const pc = this.newPeer(payload.generation);
        this.setStatus(this.status === 'connected' || this.status === 'reconnecting' ? 'reconnecting' : 'connecting');
        await pc.setRemoteDescription({ type: 'offer', sdp: payload.sdp });
        await this.flushPending();
        await pc.setLocalDescription(await pc.createAnswer());
        await this.describe(pc, 'answer', payload.generation);
        break;
      }
      case 'answer':
        if (!this.offerer || payload.generation !== this.generation || !this.pc || typeof payload.sdp !== 'string') break;
        if (this.pc.signalingState !== 'have-local-offer') break;
        await this.pc.setRemoteDescription({ type: 'answer', sdp: payload.sdp });
        if (this.status === 'waiting') this.setStatus('connecting');
        await this.flushPending();
        break;
      case 'candidate':
        if (payload.generation === this.generation) await this.addCandidate((payload.candidate as RTCIceCandidateInit | null) ?? null);
        break;
      case 'bye':
        // The other side left (or reloads): wait for it to come back.
        this.closePeer();
        this.generation = '';
        this.setStatus('waiting');
        break;
      case 'prompt':
        this.options.onPrompt?.(payload.prompt);
        break;
    }
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    let delay = this.status === 'connected' ? POLL_CONNECTED_MS : POLL_NEGOTIATING_MS;
    try {
      const { signals, ended } = await this.options.transport.read(this.after);
      for (const signal of signals) {
        this.after = Math.max(this.after, signal.seq);
        try {
          await this.handle(signal);
        } catch {
          // One bad message (an SDP this browser refuses) must not stop the link.
        }
      }
      if (ended) {
        this.options.onEnded?.();
        return;
      }
      // A full page means more is waiting: read again at once.
      if (signals.length >= 50) delay = 0;
    } catch {
      delay = 2000;
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), delay);
  }
}

/** JSON fetch that throws the app's error body ({error: {code, message}}) as an Error with code and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function callApi<T>(url: string, init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; keepalive?: boolean } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    keepalive: init.keepalive,
    cache: 'no-store',
    credentials: 'same-origin',
  });
  const data = (await response.json().catch(() => null)) as { error?: { code: string; message: string; params?: Record<string, unknown> } } | null;
  if (!response.ok || data?.error) {
    throw new ApiError(data?.error?.code ?? 'internal', data?.error?.message ?? response.statusText, data?.error?.params ?? {});
  }
  return data as T;
}

/** The camera and microphone, or why not: denied (blocked by the person or the browser), missing (no device), other. */
export async function openCamera(): Promise<{ stream: MediaStream } | { error: 'denied' | 'missing' | 'other' }> {
  if (!navigator.mediaDevices?.getUserMedia) return { error: 'missing' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
      audio: { echoCancellation: true, noiseSuppression: true },
    });
    return { stream };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return { error: 'denied' };
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return { error: 'missing' };
    return { error: 'other' };
  }
}
