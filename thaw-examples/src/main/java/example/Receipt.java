package example;

/** Output of {@link PojoHandler}. */
public class Receipt {

    private String item;
    private double total;

    public Receipt() {
    }

    public Receipt(String item, double total) {
        this.item = item;
        this.total = total;
    }

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public double getTotal() {
        return total;
    }

    public void setTotal(double total) {
        this.total = total;
    }
}
