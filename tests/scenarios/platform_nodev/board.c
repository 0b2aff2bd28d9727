/* board — a platform driver on a machine without its device: registering succeeds and
 * ->probe never runs (drivers/base/platform.c; kctx has no platform devices). */
#include <linux/module.h>
#include <linux/platform_device.h>

struct board_data {
	int leds;
};

static int board_probe(struct platform_device *pdev)
{
	struct board_data *bd = pdev->dev.platform_data;

	pr_info("board: probe %s with %d leds\n", pdev->name, bd->leds);
	platform_set_drvdata(pdev, bd);
	return 0;
}

static int board_remove(struct platform_device *pdev)
{
	pr_info("board: remove %p\n", platform_get_drvdata(pdev));
	return 0;
}

static int board_suspend(struct device *dev)
{
	return 0;
}

static const struct dev_pm_ops board_pm_ops = {
	.suspend = board_suspend,
	.resume = board_suspend,
};

static const struct of_device_id board_of_match[] = {
	{ .compatible = "kctx,board" },
	{}
};
MODULE_DEVICE_TABLE(of, board_of_match);

static struct platform_driver board_driver = {
	.driver = {
		.name = "kctx_board",
		.owner = THIS_MODULE,
		.pm = &board_pm_ops,
		.of_match_table = board_of_match,
	},
	.probe = board_probe,
	.remove = board_remove,
};

static int __init board_init(void)
{
	int ret = platform_driver_register(&board_driver);

	pr_info("board: platform_driver_register: %d, owner is this module: %d\n", ret,
		board_driver.driver.owner == THIS_MODULE);
	return ret;
}

static void __exit board_exit(void)
{
	platform_driver_unregister(&board_driver);
	pr_info("board: unregistered\n");
}

module_init(board_init);
module_exit(board_exit);
MODULE_LICENSE("GPL");
