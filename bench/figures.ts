// Every bench figure, one import line each (the module registers itself).
import './seed-1m-residents';
import './guide-first-load-js';
import './presentation-token-bytes';
import './presentation-verify-throughput';
import './loss-to-locked';
import './booking-race';
import './video-connect';
import './audit-verify';
import './dashboard';
import './slowest-locale-lcp';
import './load';
