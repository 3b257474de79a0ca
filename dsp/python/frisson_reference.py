"""Reference computations for Frisson's dsp tests.

Usage: frisson_reference.py TASK OUTDIR [ARGS]

Each task writes its inputs and the reference tool's results into OUTDIR as raw little-endian float64
files (NAME.f64) plus a manifest.txt of key=value lines; the Java test reads them, runs Frisson on the
same input and compares. Inputs are generated here from fixed seeds, so every run is identical.

Tasks:
  filters   Butterworth second-order sections (scipy.signal.butter), sosfilt, sosfiltfilt
  de        EEG differential entropy: periodogram band power (scipy) and the SEED reference code (numpy)
  eda       NeuroKit2 eda_clean / eda_phasic(method="highpass") / eda_peaks; per-trial normalisation
  ppg       NeuroKit2 ppg_clean / ppg_findpeaks (Elgendi) and HeartPy on HeartPy's bundled data.csv
  resample  scipy.signal.resample_poly
  audio     librosa log-mel as MusiCNN computes it, and VGGish's log-mel definition (numpy), on every .wav
            in the folder given as ARGS (the tests pass the repository's fixtures/audio)
  transitions  latent transitions (seed 002) offline in numpy (latent_transitions.py) on synthetic latents
  timing    wall time of the reference implementations for the benchmark's comparison
"""

import os
import sys
import time

import numpy as np


def write(outdir, name, array):
    np.ascontiguousarray(np.asarray(array, dtype="<f8")).tofile(os.path.join(outdir, name + ".f64"))


class Manifest:
    def __init__(self, outdir):
        self.path = os.path.join(outdir, "manifest.txt")
        self.lines = []

    def put(self, key, value):
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        self.lines.append(f"{key}={value}")

    def save(self):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")


# --------------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------------

def task_filters(outdir):
    import scipy.signal as ss

    m = Manifest(outdir)
    designs = [
        # (name, btype, order, cutoff(s), fs) -- the filters Frisson uses, plus odd orders and edge cases
        ("eda_clean_32", "lowpass", 4, 3.0, 32.0),
        ("eda_clean_1000", "lowpass", 4, 3.0, 1000.0),
        ("eda_tonic_32", "lowpass", 2, 0.05, 32.0),
        ("eda_phasic_32", "highpass", 2, 0.05, 32.0),
        ("eda_phasic_4", "highpass", 2, 0.05, 4.0),
        ("ppg_64", "bandpass", 2, (0.5, 8.0), 64.0),
        ("ppg_100", "bandpass", 2, (0.5, 8.0), 100.0),
        ("ppg_1000", "bandpass", 2, (0.5, 8.0), 1000.0),
        ("lp_odd3", "lowpass", 3, 10.0, 128.0),
        ("hp_odd5", "highpass", 5, 1.0, 128.0),
        ("bp_odd3", "bandpass", 3, (8.0, 14.0), 128.0),
        ("lp_order1", "lowpass", 1, 20.0, 250.0),
        ("bp_order6", "bandpass", 6, (1.0, 40.0), 500.0),
    ]
    rng = np.random.default_rng(20240601)
    x = np.cumsum(rng.standard_normal(3000)) * 0.1 + rng.standard_normal(3000)
    write(outdir, "signal", x)
    names = []
    for name, btype, order, cutoff, fs in designs:
        sos = ss.butter(order, cutoff, btype=btype, output="sos", fs=fs)
        write(outdir, name + ".sos", sos.ravel())
        write(outdir, name + ".sosfilt", ss.sosfilt(sos, x))
        write(outdir, name + ".sosfilt_zi", ss.sosfilt(sos, x, zi=ss.sosfilt_zi(sos) * x[0])[0])
        write(outdir, name + ".sosfiltfilt", ss.sosfiltfilt(sos, x))
        cut = cutoff if np.isscalar(cutoff) else f"{cutoff[0]}:{cutoff[1]}"
        m.put(name, f"{btype} {order} {cut} {fs}")
        names.append(name)
    m.put("designs", names)
    m.save()


# --------------------------------------------------------------------------------------------------
# EEG differential entropy
# --------------------------------------------------------------------------------------------------

SEED_BANDS = [("delta", 1, 4), ("theta", 4, 8), ("alpha", 8, 14), ("beta", 14, 31), ("gamma", 31, 50)]


def simulated_eeg(rng, fs, seconds, channels):
    """Plausible scalp EEG in microvolts: 1/f background, alpha bursts, theta and beta rhythms, line noise
    and eye blinks on the first channels."""
    n = int(round(fs * seconds))
    t = np.arange(n) / fs
    white = rng.standard_normal((channels, n))
    spec = np.fft.rfft(white, axis=1)
    f = np.fft.rfftfreq(n, 1 / fs)
    f[0] = f[1]
    pink = np.fft.irfft(spec / np.sqrt(f), n, axis=1)
    pink *= 8.0 / pink.std(axis=1, keepdims=True)
    x = pink
    for c in range(channels):
        env = 0.5 * (1 + np.sin(2 * np.pi * 0.1 * t + rng.uniform(0, 2 * np.pi)))
        x[c] += 12 * env * np.sin(2 * np.pi * rng.uniform(9, 11) * t + rng.uniform(0, 2 * np.pi))
        x[c] += 4 * np.sin(2 * np.pi * 6.0 * t + rng.uniform(0, 2 * np.pi))
        x[c] += 2 * np.sin(2 * np.pi * 21.0 * t + rng.uniform(0, 2 * np.pi))
        if fs > 100:
            x[c] += 1.5 * np.sin(2 * np.pi * 50.0 * t)
    for blink in rng.uniform(0, seconds, size=int(seconds / 4)):
        shape = 100 * np.exp(-0.5 * ((t - blink) / 0.08) ** 2)
        x[: min(4, channels)] += shape
    return x.T.copy()  # samples x channels


def periodogram_de(x, fs, window, hop, nfft, bands):
    import scipy.signal as ss

    n, channels = x.shape
    frames = []
    for end in range(window, n + 1, hop):
        seg = x[end - window:end]
        f, p = ss.periodogram(seg, fs=fs, window="hann", nfft=nfft, detrend="constant",
                              scaling="density", axis=0)
        df = f[1] - f[0]
        row = np.empty((channels, len(bands)))
        for b, (_, lo, hi) in enumerate(bands):
            sel = (f >= lo) & (f < hi)
            var = p[sel].sum(axis=0) * df
            row[:, b] = 0.5 * np.log(2 * np.pi * np.e * var)
        frames.append(row)
    return np.array(frames)


def matlab_hanning(n):
    k = np.arange(1, n + 1)
    return 0.5 - 0.5 * np.cos(2 * np.pi * k / (n + 1))


def seed_de(x, fs, window, nfft, bands):
    """The SEED reference extraction: non-overlapping windows, MATLAB hanning, fft(x, NFFT), mean |X|^2
    over MATLAB indices fix(f/fs*NFFT)..fix(f_end/fs*NFFT) (1-based), DE = log2(100 E)."""
    n, channels = x.shape
    w = matlab_hanning(window)
    frames = []
    for i in range(n // window):
        seg = x[i * window:(i + 1) * window]
        spec = np.fft.fft(seg * w[:, None], nfft, axis=0)
        mag = np.abs(spec[: nfft // 2])
        row = np.empty((channels, len(bands)))
        for b, (_, lo, hi) in enumerate(bands):
            s = int(np.fix(lo / fs * nfft))
            e = int(np.fix(hi / fs * nfft))
            energy = np.mean(mag[s - 1:e] ** 2, axis=0)
            row[:, b] = np.log2(100 * energy)
        frames.append(row)
    return np.array(frames)


def task_de(outdir):
    m = Manifest(outdir)
    cases = []

    def add(name, method, x, fs, window_s, hop_s, nfft, bands=SEED_BANDS):
        window = int(round(window_s * fs))
        hop = int(round(hop_s * fs))
        if method == "periodogram":
            de = periodogram_de(x, fs, window, hop, nfft, bands)
        else:
            de = seed_de(x, fs, window, nfft, bands)
        write(outdir, name + ".input", x.ravel())
        write(outdir, name + ".de", de.ravel())
        m.put(name + ".method", method)
        m.put(name + ".fs", fs)
        m.put(name + ".channels", x.shape[1])
        m.put(name + ".window", window_s)
        m.put(name + ".hop", hop_s)
        m.put(name + ".nfft", nfft)
        m.put(name + ".bands", [f"{b}:{lo}:{hi}" for b, lo, hi in bands])
        m.put(name + ".frames", de.shape[0])
        cases.append(name)

    rng = np.random.default_rng(1)
    add("random_128", "periodogram", rng.standard_normal((128 * 20, 32)) * 20, 128.0, 1.0, 0.25, 128)
    add("eeg_128", "periodogram", simulated_eeg(rng, 128.0, 30, 32), 128.0, 1.0, 0.25, 128)
    add("eeg_128_4s", "periodogram", simulated_eeg(rng, 128.0, 40, 8), 128.0, 4.0, 0.5, 512)
    add("eeg_1000", "periodogram", simulated_eeg(rng, 1000.0, 10, 8), 1000.0, 1.0, 0.25, 1024)
    add("eeg_250_custom", "periodogram", simulated_eeg(rng, 250.0, 12, 4), 250.0, 2.0, 0.1, 512,
        bands=[("slow", 0.5, 2), ("alpha_low", 8, 10), ("alpha_high", 10, 12.5)])
    add("seed_random_200", "seed", rng.standard_normal((200 * 15, 16)) * 20, 200.0, 1.0, 1.0, 512)
    add("seed_eeg_200", "seed", simulated_eeg(rng, 200.0, 20, 62), 200.0, 1.0, 1.0, 512)
    add("seed_eeg_128", "seed", simulated_eeg(rng, 128.0, 20, 32), 128.0, 1.0, 1.0, 512)
    m.put("cases", cases)
    m.save()


# --------------------------------------------------------------------------------------------------
# Skin conductance
# --------------------------------------------------------------------------------------------------

def realistic_gsr(rng, fs, seconds):
    """A wearable-like skin conductance trace in microsiemens: a tonic level that wanders and drifts,
    SCRs at irregular (Poisson) times with log-normal amplitudes and Bateman-function shapes
    (time constants 0.75 s and 2 s, typical values from Benedek & Kaernbach 2010), overlapping at times,
    plus sensor noise."""
    n = int(round(fs * seconds))
    t = np.arange(n) / fs
    walk = np.cumsum(rng.standard_normal(n)) / np.sqrt(fs) * 0.02
    tonic = 4.0 + 0.002 * t + walk + 0.3 * np.sin(2 * np.pi * t / 97.0)
    phasic = np.zeros(n)
    onset = 5.0
    onsets = []
    while True:
        onset += rng.exponential(15.0)
        if onset > seconds - 10:
            break
        onsets.append(onset)
    tau1, tau2 = 0.75, 2.0
    for o in onsets:
        amp = float(np.clip(rng.lognormal(np.log(0.25), 0.8), 0.03, 3.0))
        dt = t - o
        shape = np.where(dt > 0, np.exp(-dt / tau2) - np.exp(-dt / tau1), 0.0)
        phasic += amp * shape / shape.max()
    noise = rng.standard_normal(n) * 0.004
    return tonic + phasic + noise


def task_eda(outdir):
    import warnings

    import neurokit2 as nk
    import scipy.signal as ss
    import scipy.stats as st

    warnings.filterwarnings("ignore")
    m = Manifest(outdir)
    cases = []

    def add(name, raw, fs):
        clean = nk.eda_clean(raw, sampling_rate=fs)
        comp = nk.eda_phasic(clean, sampling_rate=fs, method="highpass")
        phasic = comp["EDA_Phasic"].to_numpy()
        tonic = comp["EDA_Tonic"].to_numpy()
        _, info = nk.eda_peaks(phasic, sampling_rate=fs)
        write(outdir, name + ".raw", raw)
        write(outdir, name + ".tonic", tonic)
        write(outdir, name + ".phasic", phasic)
        write(outdir, name + ".peaks", info["SCR_Peaks"])
        write(outdir, name + ".onsets", np.nan_to_num(np.asarray(info["SCR_Onsets"], dtype=float), nan=-1))
        write(outdir, name + ".amplitudes", info["SCR_Amplitude"])
        write(outdir, name + ".risetimes", info["SCR_RiseTime"])
        write(outdir, name + ".normalized", ss.detrend(st.zscore(raw), type="linear"))
        m.put(name + ".fs", fs)
        cases.append(name)

    sims = [  # (seed, fs, seconds, SCRs, drift, noise)
        (1, 32, 120, 8, -0.01, 0.01),
        (2, 32, 300, 15, 0.0, 0.02),
        (3, 64, 180, 10, 0.02, 0.01),
        (4, 100, 120, 6, -0.01, 0.05),
        (5, 32, 600, 30, 0.0, 0.01),
        (6, 4, 300, 12, 0.01, 0.01),
    ]
    for seed, fs, seconds, scrs, drift, noise in sims:
        raw = nk.eda_simulate(duration=seconds, sampling_rate=fs, scr_number=scrs, drift=drift, noise=noise,
                              random_state=seed)
        add(f"sim{seed}_{fs}hz", np.asarray(raw, dtype=float), float(fs))
    rng = np.random.default_rng(2002)
    add("realistic_32hz", realistic_gsr(rng, 32.0, 600), 32.0)
    add("realistic_128hz", realistic_gsr(rng, 128.0, 300), 128.0)
    m.put("cases", cases)
    m.save()


# --------------------------------------------------------------------------------------------------
# PPG
# --------------------------------------------------------------------------------------------------

def heartpy_data():
    import heartpy as hp

    return hp.get_data(os.path.join(os.path.dirname(hp.__file__), "data", "data.csv"))


def task_ppg(outdir):
    import warnings

    import heartpy as hp
    import neurokit2 as nk

    warnings.filterwarnings("ignore")
    m = Manifest(outdir)
    cases = []

    def add(name, raw, fs):
        clean = nk.ppg_clean(raw, sampling_rate=fs)
        peaks = nk.ppg_findpeaks(clean, sampling_rate=fs)["PPG_Peaks"]
        write(outdir, name + ".raw", raw)
        write(outdir, name + ".clean", clean)
        write(outdir, name + ".peaks", peaks)
        m.put(name + ".fs", fs)
        cases.append(name)

    data = heartpy_data()
    add("heartpy_data", np.asarray(data, dtype=float), 100.0)
    wd, measures = hp.process(data, 100.0)
    write(outdir, "heartpy_data.heartpy_peaks", wd["peaklist"])
    m.put("heartpy.bpm", repr(float(measures["bpm"])))
    m.put("heartpy.rmssd", repr(float(measures["rmssd"])))
    m.put("heartpy.sdnn", repr(float(measures["sdnn"])))
    m.put("heartpy.removed", len(wd["removed_beats"]))
    for seed, fs, hr, seconds in [(1, 64, 70, 120), (2, 64, 55, 120), (3, 100, 90, 60), (4, 128, 110, 60)]:
        raw = nk.ppg_simulate(duration=seconds, sampling_rate=fs, heart_rate=hr, random_state=seed)
        add(f"sim{seed}_{fs}hz", np.asarray(raw, dtype=float), float(fs))
    m.put("cases", cases)
    m.save()


# --------------------------------------------------------------------------------------------------
# Audio
# --------------------------------------------------------------------------------------------------

def task_resample(outdir):
    import scipy.signal as ss

    m = Manifest(outdir)
    rng = np.random.default_rng(44100)
    cases = []
    for fin in (48000, 44100):
        seconds = 2.0
        n = int(fin * seconds)
        t = np.arange(n) / fin
        signals = {
            "tones": 0.3 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1000 * t)
                     + 0.1 * np.sin(2 * np.pi * 5000 * t) + 0.1 * np.sin(2 * np.pi * 7000 * t),
            "noise": 0.25 * rng.standard_normal(n),
            "chirp": 0.5 * ss.chirp(t, f0=20, t1=seconds, f1=fin / 2 * 0.95, method="logarithmic"),
        }
        for fout in (16000, 22050, 24000):
            for kind, x in signals.items():
                name = f"{kind}_{fin}_{fout}"
                x32 = x.astype(np.float32).astype(np.float64)  # what a float32 audio stream carries
                write(outdir, name + ".input", x32)
                write(outdir, name + ".output", ss.resample_poly(x32, fout, fin))
                m.put(name + ".rates", f"{fin}:{fout}")
                cases.append(name)
    # the anti-aliasing filters themselves
    for up, down in ((1, 3), (160, 441), (320, 441), (147, 160), (80, 147), (1, 2)):
        taps = ss.firwin(2 * 10 * max(up, down) + 1, 1.0 / max(up, down), window=("kaiser", 5.0)) * up
        write(outdir, f"taps_{up}_{down}", taps)
    m.put("taps", ["1:3", "160:441", "320:441", "147:160", "80:147", "1:2"])
    m.put("cases", cases)
    m.save()


def vggish_log_mel(y, sr=16000):
    """VGGish's front-end from its published parameters (vggish_params, mel_features): 25 ms periodic-Hann
    windows every 10 ms without padding, FFT length 512, magnitude, 64 HTK-mel triangles 125-7500 Hz drawn
    in the mel domain with the DC bin's weight 0, ln(x + 0.01)."""
    win = int(round(sr * 0.025))
    hop = int(round(sr * 0.010))
    nfft = 2 ** int(np.ceil(np.log(win) / np.log(2.0)))
    frames = 1 + (len(y) - win) // hop
    idx = np.arange(win)[None, :] + hop * np.arange(frames)[:, None]
    window = 0.5 - 0.5 * np.cos(2 * np.pi / win * np.arange(win))
    mag = np.abs(np.fft.rfft(y[idx] * window, nfft))
    bins = mag.shape[1]

    def mel(f):
        return 1127.0 * np.log(1.0 + f / 700.0)

    bins_mel = mel(np.linspace(0.0, sr / 2.0, bins))
    edges = np.linspace(mel(125.0), mel(7500.0), 64 + 2)
    matrix = np.empty((bins, 64))
    for i in range(64):
        lo, center, hi = edges[i:i + 3]
        matrix[:, i] = np.maximum(0.0, np.minimum((bins_mel - lo) / (center - lo), (hi - bins_mel) / (hi - center)))
    matrix[0, :] = 0.0
    return np.log(mag @ matrix + 0.01), matrix


def task_audio(outdir, fixtures):
    import warnings

    import librosa
    import scipy.signal as ss
    import soundfile as sf

    warnings.filterwarnings("ignore")
    m = Manifest(outdir)
    write(outdir, "mel_musicnn", librosa.filters.mel(sr=16000, n_fft=512, n_mels=96).astype(np.float64))
    cases = []
    for fname in sorted(os.listdir(fixtures)):
        if not fname.endswith(".wav"):
            continue
        name = os.path.splitext(fname)[0]
        y, sr = sf.read(os.path.join(fixtures, fname), dtype="float64")
        if y.ndim > 1:
            y = y.mean(axis=1)
        if sr != 16000:
            y = ss.resample_poly(y, 16000, sr)
        y32 = y.astype(np.float32)  # librosa.load gives float32
        power = librosa.feature.melspectrogram(y=y32, sr=16000, n_fft=512, hop_length=256, n_mels=96).T
        musicnn = np.log10(10000 * power.astype(np.float64) + 1)
        with np.errstate(over="ignore"):
            literal = np.log10(10000 * power.astype(np.float16) + 1)  # musicnn's own float16 arithmetic
        vgg, matrix = vggish_log_mel(y32.astype(np.float64))
        write(outdir, name + ".mono16k", y)
        write(outdir, name + ".musicnn", musicnn)
        write(outdir, name + ".vggish", vgg)
        m.put(name + ".rate", sr)
        m.put(name + ".musicnn_frames", musicnn.shape[0])
        m.put(name + ".vggish_frames", vgg.shape[0])
        m.put(name + ".musicnn_float16_inf", int(np.isinf(literal).sum()))
        m.put(name + ".musicnn_float16_maxdiff", float(np.max(np.abs(literal.astype(float) - musicnn)[np.isfinite(literal)])))
        cases.append(name)
    write(outdir, "mel_vggish", matrix.T)
    m.put("cases", cases)
    m.save()


# --------------------------------------------------------------------------------------------------
# Timing of the references, for the benchmark's comparison
# --------------------------------------------------------------------------------------------------

def best_time(fn, repeat, number):
    """Best of `repeat` runs of `number` calls, seconds per call."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - t0) / number)
    return best


def task_timing(outdir, quick="0"):
    """Seconds per unit of work of the Python references (JSON in OUTDIR/timing.json). The EEG numbers are
    per window, like Frisson's per-hop cost; the others are whole-record, vectorised computations divided by
    the record's length, the most favourable way to run them in Python (they have no streaming form); the
    latent transitions reference is per latent frame over a whole piece."""
    import json
    import warnings

    import librosa
    import neurokit2 as nk
    import scipy.signal as ss

    warnings.filterwarnings("ignore")
    quick = quick == "1"
    repeat = 3 if quick else 5
    rng = np.random.default_rng(7)
    results = {}

    for channels, fs in ((32, 128), (64, 1000)):
        window = rng.standard_normal((fs, channels)) * 10
        nfft = 1 << (fs - 1).bit_length()
        results[f"de_hop_{channels}ch_{fs}hz"] = best_time(
            lambda: periodogram_de(window, float(fs), fs, fs, nfft, SEED_BANDS), repeat, 20)

    seconds = 120 if quick else 600
    eda = realistic_gsr(rng, 32.0, seconds)

    def eda_pipeline():
        clean = nk.eda_clean(eda, sampling_rate=32)
        phasic = nk.eda_phasic(clean, sampling_rate=32, method="highpass")["EDA_Phasic"].to_numpy()
        nk.eda_peaks(phasic, sampling_rate=32)

    results["eda_per_sample"] = best_time(eda_pipeline, repeat, 1) / len(eda)

    ppg = np.asarray(nk.ppg_simulate(duration=seconds, sampling_rate=64, heart_rate=70, random_state=1))

    def ppg_pipeline():
        peaks = nk.ppg_findpeaks(nk.ppg_clean(ppg, sampling_rate=64), sampling_rate=64)["PPG_Peaks"]
        np.diff(peaks)

    results["ppg_per_sample"] = best_time(ppg_pipeline, repeat, 1) / len(ppg)

    audio_seconds = 20 if quick else 60
    audio16 = (0.1 * rng.standard_normal(16000 * audio_seconds)).astype(np.float32)
    results["logmel_musicnn_per_second"] = best_time(lambda: np.log10(10000 * librosa.feature.melspectrogram(
        y=audio16, sr=16000, n_fft=512, hop_length=256, n_mels=96) + 1), repeat, 1) / audio_seconds
    results["logmel_vggish_per_second"] = best_time(
        lambda: vggish_log_mel(audio16.astype(np.float64)), repeat, 1) / audio_seconds
    for rate in (48000, 44100):
        x = (0.1 * rng.standard_normal(rate * audio_seconds)).astype(np.float32)
        results[f"resample_{rate}_to_16000_per_second"] = best_time(
            lambda: ss.resample_poly(x, 16000, rate), repeat, 1) / audio_seconds
    import latent_transitions as lt

    for key, dim, rate, span in (("latent_musicnn_per_result", 200, 2.0, 3.0),
                                 ("latent_encodec_per_frame", 128, 75.0, 0.0)):
        seconds_of_latent = 40 if quick else 96
        latent = lt.sections_latent(rng, rate, seconds_of_latent, dim, list(range(16, seconds_of_latent, 16)), span)
        stamps = np.arange(len(latent)) / rate
        results[key] = best_time(lambda: lt.detect(latent, stamps, rate, span, **TRANSITION_DEFAULTS), repeat,
                                 1) / len(latent)
    with open(os.path.join(outdir, "timing.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)


# --------------------------------------------------------------------------------------------------
# Latent transitions
# --------------------------------------------------------------------------------------------------

TRANSITION_CASES = [
    # (name, latent frame rate, input span s, dimension, seconds, section boundaries s, settings overrides)
    # a codec latent as seed 002 has it (DAC: 86.1 frames/s), with the seed's 100-frame mean every 4 frames
    ("codec", 86.1, 0.0, 32, 90.0, (14.0, 31.0, 45.0, 62.0, 75.0), {}),
    # MusiCNN's penultimate layer as the pipeline has it: 200 values, a 3 s patch every 0.5 s
    ("musicnn", 2.0, 2.992, 200, 200.0, (16.0, 32.0, 48.0, 64.0, 80.0, 112.0, 128.0, 144.0, 160.0, 176.0), {}),
    # short memory and window, no warm-up: the axes move a lot
    ("fast", 10.0, 1.0, 12, 60.0, (8.0, 20.0, 27.0, 41.0, 50.0),
     {"pca_memory": 8.0, "variance_window": 1.5, "warmup": 0.0, "confirm": 0.5, "refractory": 2.0}),
]

TRANSITION_DEFAULTS = {
    "mean_window": 100 / 86.1, "mean_hop": 4 / 86.1, "pca_memory": 90.0, "variance_window": 4.0,
    "warmup": 10.0, "threshold": 8.0, "confirm": 1.5, "refractory": 4.0,
}


def task_transitions(outdir):
    import latent_transitions as lt

    m = Manifest(outdir)
    names = []
    for k, (name, rate, span, dim, seconds, bounds, overrides) in enumerate(TRANSITION_CASES):
        rng = np.random.default_rng(2002 + k)
        latent = lt.sections_latent(rng, rate, seconds, dim, bounds, span)
        stamps = 1000.0 + np.arange(len(latent)) / rate
        settings = dict(TRANSITION_DEFAULTS, **overrides)
        out, transitions, sizes = lt.detect(latent, stamps, rate, span, **settings)
        write(outdir, name + ".latent", latent.ravel())
        write(outdir, name + ".stamps", stamps)
        for key in ("stamp", "pc1", "pc2", "variance", "strength", "lambda1"):
            write(outdir, f"{name}.{key}", out[key])
        write(outdir, name + ".transitions", np.array(transitions, dtype=np.float64).ravel())
        m.put(name + ".shape", f"{len(latent)}x{dim}")
        m.put(name + ".rate", rate)
        m.put(name + ".span", span)
        m.put(name + ".boundaries", list(bounds))
        m.put(name + ".frames", f"{sizes['w']}:{sizes['h']}:{sizes['v']}:{sizes['lookahead']}:{sizes['warm']}")
        for key, value in settings.items():
            m.put(f"{name}.{key}", repr(float(value)))
        names.append(name)
    m.put("cases", names)
    m.save()


TASKS = {
    "filters": task_filters,
    "de": task_de,
    "eda": task_eda,
    "ppg": task_ppg,
    "resample": task_resample,
    "audio": task_audio,
    "timing": task_timing,
    "transitions": task_transitions,
}


def main(argv):
    if len(argv) < 3 or argv[1] not in TASKS:
        sys.exit(__doc__)
    outdir = argv[2]
    os.makedirs(outdir, exist_ok=True)
    TASKS[argv[1]](outdir, *argv[3:])


if __name__ == "__main__":
    main(sys.argv)
