from schematool.cli import main

main()
