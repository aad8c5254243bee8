from briefing.cli.main import main

main()
