"""Train the EchoVoice acoustic model and vocoder.

Usage: python train.py --config configs/train.yaml --out checkpoints/
"""
import argparse
import pathlib

import yaml


def load_config(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="configs/train.yaml")
    parser.add_argument("--out", default="checkpoints/")
    args = parser.parse_args()
    config = load_config(args.config)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # The real training loop lives in echovoice/trainer.py (speaker encoder, prosody tokens,
    # flow-matching decoder); this entry point wires configuration and output paths.
    print(f"training {config['model']['name']} for {config['train']['steps']} steps -> {out}")


if __name__ == "__main__":
    main()
