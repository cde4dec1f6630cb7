"""Fine-tune an emotion adapter on top of EchoVoice (follow-up experiment)."""


def main() -> None:
    print("fine-tuning the emotion adapter")


if __name__ == "__main__":
    main()
