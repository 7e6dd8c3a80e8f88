#!/usr/bin/env python3
"""Makes the register screen's chime (R-30: a payment arrived), webapp/resources/register/chime.wav:
a two-note "ding-dong" (E6 then C6) of sine tones with a soft attack and a bell-like decay, 16-bit
mono at 22,050 Hz. Written here rather than taken from a sound library so its origin is plain;
run it again after changing it: python3 chime.py ../webapp/resources/register/chime.wav"""
import math
import struct
import sys
import wave

RATE = 22050


def note(freq, seconds, volume):
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        t = i / RATE
        attack = min(1.0, t / 0.005)
        decay = math.exp(-3.5 * t)
        # The fundamental with a little of its octave, as a small bell.
        s = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
        out.append(volume * attack * decay * s / 1.3)
    return out


samples = note(1318.5, 0.45, 0.6) + note(1046.5, 0.75, 0.6)
with wave.open(sys.argv[1] if len(sys.argv) > 1 else "chime.wav", "wb") as w:
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(RATE)
    w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples))
