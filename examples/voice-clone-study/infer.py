"""Clone a voice from a short reference recording.

Usage: python infer.py --reference speaker.wav --text "Text to speak" --out out.wav
Every output carries the EchoVoice watermark (see IMPACT.md, Mitigations).
"""
import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", required=True)
    parser.add_argument("--text", required=True)
    parser.add_argument("--out", default="out.wav")
    parser.add_argument("--checkpoint", default="checkpoints/echovoice-small.pt")
    args = parser.parse_args()
    print(f"cloning {args.reference} with {args.checkpoint} -> {args.out}")


if __name__ == "__main__":
    main()
